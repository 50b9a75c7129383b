-- One row per batch a department sent. The batch id is the sender's: unique per department.
CREATE TABLE intake_batch (
    department      text NOT NULL,
    batch_id        text NOT NULL,
    feed            text NOT NULL,
    schema_version  text NOT NULL,
    region          text NOT NULL,
    extracted_at    timestamptz NOT NULL,
    format          text NOT NULL CHECK (format IN ('json', 'ndjson')),
    channel         text NOT NULL CHECK (channel IN ('http', 'exchange', 'queue')),
    submitted_by    text NOT NULL,
    started_at      timestamptz NOT NULL,
    completed_at    timestamptz,
    content_hash    bytea,          -- SHA-256 of the decoded body, known once the batch is complete
    report          jsonb,
    PRIMARY KEY (department, batch_id)
);

-- What became of each record position of a batch. Chunks commit whole, so after a crash the lines present are a
-- prefix of the batch and a re-send resumes after it; line_hash lets the re-send prove it is the same content.
CREATE TABLE intake_line (
    department  text NOT NULL,
    batch_id    text NOT NULL,
    line_no     integer NOT NULL,
    record_id   text,
    outcome     text NOT NULL CHECK (outcome IN ('accepted', 'unchanged', 'rejected')),
    version     integer,
    line_hash   bytea NOT NULL,
    problems    jsonb,              -- errors (rejected) or warnings (accepted); paths and codes, never an identity number
    raw_cipher  bytea,              -- a rejected record as sent, encrypted: the department may fetch it back
    PRIMARY KEY (department, batch_id, line_no),
    FOREIGN KEY (department, batch_id) REFERENCES intake_batch (department, batch_id)
);

-- Every accepted version of every source record, kept for ever (lineage). Identity numbers only encrypted and
-- as blind index.
CREATE TABLE source_record (
    department        text NOT NULL,
    feed              text NOT NULL,
    record_id         text NOT NULL,
    version           integer NOT NULL,
    batch_id          text NOT NULL,
    line_no           integer NOT NULL,
    schema_version    text NOT NULL,
    received_at       timestamptz NOT NULL,
    content_hash      bytea NOT NULL,
    payload           jsonb NOT NULL,
    id_number_cipher  bytea,
    id_number_index   bytea,
    id_number_valid   boolean,
    former_id_cipher  bytea,
    former_id_index   bytea,
    warnings          jsonb,
    PRIMARY KEY (department, feed, record_id, version)
);

CREATE INDEX source_record_id_number_index ON source_record (id_number_index) WHERE id_number_index IS NOT NULL;

-- The latest version of each record: upserted row by row while a chunk decides between "unchanged" and a new version.
CREATE TABLE source_record_current (
    department    text NOT NULL,
    feed          text NOT NULL,
    record_id     text NOT NULL,
    version       integer NOT NULL,
    content_hash  bytea NOT NULL,
    PRIMARY KEY (department, feed, record_id)
);
