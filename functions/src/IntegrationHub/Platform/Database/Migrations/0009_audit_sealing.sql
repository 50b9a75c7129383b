-- The audit chain is sealed after the fact instead of inside each audited transaction. Chaining in the transaction needed
-- a lock held until its commit was flushed, which made every intake, linking and review transaction of the hub wait for
-- each other. Now a transaction appends its entry (content only) without any lock, and a sealer chains committed entries
-- in a fixed order: by the appending transaction's id, then by seq. An entry is sealed only once every transaction with a
-- smaller id has ended (its id is below the oldest running transaction's), so no entry can later appear before a sealed one.
CREATE SEQUENCE audit_log_seq OWNED BY audit_log.seq;
SELECT setval('audit_log_seq', coalesce((SELECT max(seq) FROM audit_log), 0) + 1, false);

ALTER TABLE audit_log
    ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq'),
    ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX audit_log_by_xid ON audit_log (xid, seq);

-- The chain: position n holds entry seq, the hash of position n-1 and its own hash, which covers the previous hash and the
-- entry's content. Append-only, like the log.
CREATE TABLE audit_seal (
    position    bigint PRIMARY KEY,
    seq         bigint NOT NULL UNIQUE REFERENCES audit_log (seq),
    xid         xid8 NOT NULL,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
);

INSERT INTO audit_seal (position, seq, xid, prev_hash, hash) SELECT seq, seq, xid, prev_hash, hash FROM audit_log;

ALTER TABLE audit_log DROP COLUMN prev_hash, DROP COLUMN hash;

CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- The entry's hash, exactly as AuditLog.ComputeHash computes it in C# (which VerifyAsync uses): SHA-256 over the previous
-- hash and seq, the time in .NET ticks, actor, action, purpose, subject (NUL when none) and the detail's exact text.
CREATE FUNCTION hub_audit_hash(prev bytea, entry audit_log) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(prev
                  || convert_to(entry.seq::text || chr(31)
                                || ((extract(epoch FROM entry.at) * 10000000)::bigint + 621355968000000000)::text || chr(31)
                                || entry.actor || chr(31) || entry.action || chr(31) || entry.purpose || chr(31), 'UTF8')
                  || coalesce(convert_to(entry.subject, 'UTF8'), decode('00', 'hex'))
                  || convert_to(chr(31) || entry.detail::text, 'UTF8'))
$$;

-- Seals up to max_entries committed entries; returns how many. One sealer at a time: another caller returns 0 at once.
CREATE FUNCTION hub_audit_seal(max_entries integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    horizon xid8;
    tip audit_seal;
    entry audit_log;
    prev bytea;
    entry_hash bytea;
    next_position bigint;
    sealed integer := 0;
BEGIN
    IF NOT pg_try_advisory_xact_lock(79531020997956) THEN
        RETURN 0;
    END IF;

    -- Every transaction below the horizon has ended, so the statements below see all the entries it will ever append.
    horizon := pg_snapshot_xmin(pg_current_snapshot());
    SELECT * INTO tip FROM audit_seal ORDER BY position DESC LIMIT 1;
    prev := coalesce(tip.hash, decode(repeat('00', 32), 'hex'));
    next_position := coalesce(tip.position, 0) + 1;
    FOR entry IN
        SELECT * FROM audit_log a
        WHERE a.xid < horizon AND (tip.position IS NULL OR (a.xid, a.seq) > (tip.xid, tip.seq))
        ORDER BY a.xid, a.seq
        LIMIT max_entries
    LOOP
        entry_hash := hub_audit_hash(prev, entry);
        INSERT INTO audit_seal (position, seq, xid, prev_hash, hash) VALUES (next_position, entry.seq, entry.xid, prev, entry_hash);
        prev := entry_hash;
        next_position := next_position + 1;
        sealed := sealed + 1;
    END LOOP;

    RETURN sealed;
END $$;
