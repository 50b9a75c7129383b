-- Sealing wrote each entry's seal with an INSERT of its own, and the foreign key from a seal to its entry locked the entry's
-- row (FOR KEY SHARE), which rewrote every sealed entry's page and logged it a second time: about a third of a millisecond
-- of database time per audited act. The seals of a run now go in as one INSERT, and the foreign key is gone: the sealer
-- only seals entries it has just read, and the log is append-only (its trigger refuses UPDATE, DELETE and TRUNCATE), so a
-- seal cannot lose its entry. Verification still walks seals and entries together.
ALTER TABLE audit_seal DROP CONSTRAINT audit_seal_seq_fkey;

CREATE OR REPLACE FUNCTION hub_audit_seal(max_entries integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    horizon xid8;
    tip audit_seal;
    entry audit_log;
    prev bytea;
    first_position bigint;
    seqs bigint[] := '{}';
    xids xid8[] := '{}';
    prevs bytea[] := '{}';
    hashes bytea[] := '{}';
BEGIN
    IF NOT pg_try_advisory_xact_lock(79531020997956) THEN
        RETURN 0;
    END IF;

    -- Every transaction below the horizon has ended, so the statements below see all the entries it will ever append.
    horizon := pg_snapshot_xmin(pg_current_snapshot());
    SELECT * INTO tip FROM audit_seal ORDER BY position DESC LIMIT 1;
    prev := coalesce(tip.hash, decode(repeat('00', 32), 'hex'));
    first_position := coalesce(tip.position, 0) + 1;
    FOR entry IN
        SELECT * FROM audit_log a
        WHERE a.xid < horizon AND (tip.position IS NULL OR (a.xid, a.seq) > (tip.xid, tip.seq))
        ORDER BY a.xid, a.seq
        LIMIT max_entries
    LOOP
        seqs := seqs || entry.seq;
        xids := xids || entry.xid;
        prevs := prevs || prev;
        prev := hub_audit_hash(prev, entry);
        hashes := hashes || prev;
    END LOOP;

    INSERT INTO audit_seal (position, seq, xid, prev_hash, hash)
    SELECT first_position + u.n - 1, u.seq, u.xid, u.prev_hash, u.hash
    FROM unnest(seqs, xids, prevs, hashes) WITH ORDINALITY AS u(seq, xid, prev_hash, hash, n);

    RETURN cardinality(seqs);
END $$;
