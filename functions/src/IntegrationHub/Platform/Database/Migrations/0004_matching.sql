-- Blocking keys of persons (keyed hashes: the keys hold names, birth dates and phones), so the probabilistic matcher
-- compares a record only with the few persons that share a key with it.
CREATE TABLE person_block (
    key        bytea NOT NULL,
    person_id  bigint NOT NULL REFERENCES person (person_id),
    PRIMARY KEY (key, person_id)
);

-- A reviewer's "not this person" is remembered: the pair is never proposed again.
CREATE TABLE match_rejection (
    department  text NOT NULL,
    feed        text NOT NULL,
    record_id   text NOT NULL,
    person_id   bigint NOT NULL REFERENCES person (person_id),
    rejected_at timestamptz NOT NULL,
    rejected_by text NOT NULL,
    PRIMARY KEY (department, feed, record_id, person_id)
);
