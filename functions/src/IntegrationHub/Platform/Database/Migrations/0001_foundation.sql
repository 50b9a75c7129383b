-- Principals: departments, subscribers and administrators. Only a SHA-256 hash of each bearer token is kept.
CREATE TABLE principal (
    name        text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('department', 'admin', 'subscriber')),
    token_hash  bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

-- Append-only, hash-chained audit log: each row's hash covers its content and the previous row's hash.
CREATE TABLE audit_log (
    seq         bigint PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    purpose     text NOT NULL,
    subject     text,
    detail      json NOT NULL DEFAULT '{}'::json,  -- json, not jsonb: the exact text is hashed
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
