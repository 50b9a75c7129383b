-- The unified labor resource database: one row per human being. Ids come from a sequence and are never reused;
-- a person merged into another keeps its row and points at the survivor.
CREATE TABLE person (
    person_id         bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    merged_into       bigint REFERENCES person (person_id),
    id_number_index   bytea,       -- blind index of the person's trusted identity number
    id_number_cipher  bytea,
    golden            jsonb NOT NULL DEFAULT '{}'::jsonb,   -- each attribute with the source record it came from
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

-- Two persons with the same valid number are impossible, however many hubs link at once. A merged-away person keeps
-- its number, so the number still leads (through merged_into) to the person who now holds it.
CREATE UNIQUE INDEX person_trusted_number ON person (id_number_index) WHERE id_number_index IS NOT NULL;

-- Every linked version of every source record, with the rule and score that linked it (lineage survives merges).
CREATE TABLE person_link (
    department  text NOT NULL,
    feed        text NOT NULL,
    record_id   text NOT NULL,
    version     integer NOT NULL,
    person_id   bigint NOT NULL REFERENCES person (person_id),
    rule        text NOT NULL,
    score       double precision NOT NULL,
    linked_at   timestamptz NOT NULL,
    PRIMARY KEY (department, feed, record_id, version)
);

CREATE INDEX person_link_person ON person_link (person_id);

-- Records the deterministic rule could not place: no trustworthy number. The probabilistic matcher takes them.
CREATE TABLE link_deferred (
    department  text NOT NULL,
    feed        text NOT NULL,
    record_id   text NOT NULL,
    version     integer NOT NULL,
    reason      text NOT NULL,
    deferred_at timestamptz NOT NULL,
    PRIMARY KEY (department, feed, record_id, version)
);

-- Doubtful links for a person to decide: a valid number whose name and birth date both disagree with its person.
CREATE TABLE review_item (
    review_id   bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    department  text NOT NULL,
    feed        text NOT NULL,
    record_id   text NOT NULL,
    version     integer NOT NULL,
    person_id   bigint NOT NULL REFERENCES person (person_id),
    reason      text NOT NULL,
    score       double precision NOT NULL,
    created_at  timestamptz NOT NULL,
    decided_at  timestamptz,
    decision    text,
    UNIQUE (department, feed, record_id, version, person_id)
);

-- Linking follows intake batch by batch: stored_through is the last line intake committed, linked_through the last
-- line linking committed. Both move only inside the transactions that did the work.
ALTER TABLE intake_batch
    ADD COLUMN stored_through integer NOT NULL DEFAULT 0,
    ADD COLUMN linked_through integer NOT NULL DEFAULT 0;

-- Batches received before linking existed are linked from their first line.
UPDATE intake_batch b SET stored_through = coalesce(
    (SELECT max(line_no) FROM intake_line l WHERE l.department = b.department AND l.batch_id = b.batch_id), 0);

CREATE INDEX intake_batch_unlinked ON intake_batch (started_at) WHERE linked_through < stored_through;
