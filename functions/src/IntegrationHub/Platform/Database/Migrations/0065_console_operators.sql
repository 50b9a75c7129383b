-- The console's operators (people, not departments' systems: those are principals) and their signed-in sessions. Owned by
-- platform (Platform.Operators). Passwords only as PBKDF2 hashes; session tokens only as SHA-256 hashes.
CREATE TABLE operator (
    name             text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9._-]{1,39}$'),
    role             text NOT NULL CHECK (role IN ('admin', 'reviewer', 'viewer')),
    password_hash    text NOT NULL,
    failed_attempts  integer NOT NULL DEFAULT 0,   -- wrong passwords since the last sign-in or lock
    locked_until     timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

-- A session lives while it is used: last_seen_at moves on each request, and one idle longer than the timeout is gone.
CREATE TABLE operator_session (
    token_hash    bytea PRIMARY KEY,
    operator      text NOT NULL REFERENCES operator (name) ON DELETE CASCADE,
    form_token    text NOT NULL,                  -- the anti-forgery token every form of this session carries
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
);

CREATE INDEX operator_session_operator ON operator_session (operator);
