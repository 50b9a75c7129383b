-- The graduate flow (issue 17). Owned by flows.graduates: graduate_export, one row per cohort and day whose verification file
-- for education was written to the exchange outbox (the row is written after the files are in place).
CREATE TABLE graduate_export (
    cohort       integer NOT NULL,
    export_day   date NOT NULL,
    file         text NOT NULL,
    records      integer NOT NULL,
    written_at   timestamptz NOT NULL,
    PRIMARY KEY (cohort, export_day)
);
