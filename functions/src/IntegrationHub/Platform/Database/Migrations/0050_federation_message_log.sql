-- Owned by flows.federation: every message exchanged with a peer hub, both directions, as signed.
--   The body is kept encrypted (it can hold identity numbers) with its SHA-256; the signature (compact detached JWS)
--   as received or sent, so `hub peer verify-log` can verify each message offline against the registered keys.
--   A message id is accepted once per sender: the unique constraint is the replay guard (SQLSTATE 23505 -> 409).
CREATE TABLE peer_message (
    seq           bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    direction     text NOT NULL CHECK (direction IN ('in', 'out')),
    message_id    text NOT NULL,
    sender        text NOT NULL,
    receiver      text NOT NULL,
    service       text NOT NULL,
    sent_at       timestamptz NOT NULL,
    logged_at     timestamptz NOT NULL,
    request_hash  text,
    signature     text NOT NULL,
    body_cipher   bytea NOT NULL,
    body_sha256   bytea NOT NULL,
    CONSTRAINT peer_message_once UNIQUE (sender, message_id)
);

CREATE INDEX peer_message_logged ON peer_message (logged_at);

-- Append-only, and kept at least 180 days: no update, no delete of a message younger than that.
CREATE FUNCTION peer_message_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'peer_message is append-only';
    END IF;
    IF OLD.logged_at > now() - interval '180 days' THEN
        RAISE EXCEPTION 'peer_message % is younger than 180 days and is kept', OLD.seq;
    END IF;
    RETURN OLD;
END $$;

CREATE TRIGGER peer_message_kept BEFORE UPDATE OR DELETE ON peer_message FOR EACH ROW EXECUTE FUNCTION peer_message_guard();

CREATE FUNCTION peer_message_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'peer_message is kept: no truncate';
END $$;

CREATE TRIGGER peer_message_not_truncated BEFORE TRUNCATE ON peer_message FOR EACH STATEMENT EXECUTE FUNCTION peer_message_no_truncate();
