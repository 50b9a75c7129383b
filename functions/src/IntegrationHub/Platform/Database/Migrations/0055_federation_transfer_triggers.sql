-- Owned by flows.federation: the department records that asked for a transfer by naming where the person goes (the proposed
-- catalogue field toRegion on a ps/household-registration move-out or an hr/social-insurance transferred-out) and what came
-- of each: requested (with its transfer), not-a-peer, or refused:{code} (the person has a transfer under way, has left...).
-- One row per source record, whatever its version: the primary key makes a record trigger once however often the scan
-- sees it (SQLSTATE 23505), and the transfer's id, derived from the record's key, makes the request itself idempotent.
CREATE TABLE transfer_trigger (
    department   text NOT NULL,
    feed         text NOT NULL,
    record_id    text NOT NULL,
    version      integer NOT NULL,
    to_region    text NOT NULL,
    person_id    bigint REFERENCES person (person_id),
    transfer_id  uuid,
    outcome      text NOT NULL,
    noted_at     timestamptz NOT NULL,
    PRIMARY KEY (department, feed, record_id)
);
