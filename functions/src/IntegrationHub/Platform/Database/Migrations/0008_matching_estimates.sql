-- The probabilistic matcher's m and u probabilities as estimated by EM from the data: one row per fit, the newest is
-- used (configuration overrides per field still win). Kept, not replaced, so a link's score can be explained later by
-- the model in force when it was made.
CREATE TABLE match_model_fit (
    fit_id       bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    fitted_at    timestamptz NOT NULL,
    pairs        integer NOT NULL,          -- candidate pairs the estimate was fitted on
    records      integer NOT NULL,          -- sampled source records those pairs came from
    links_seen   bigint NOT NULL,           -- linked records in the store when fitted (the next fit waits for growth)
    match_share  double precision NOT NULL,
    iterations   integer NOT NULL,
    model        jsonb NOT NULL             -- {"m": {field: [p per level]}, "u": {...}}
);

-- Persons without a number to look at again: a key they hold was just gained by another person (or they gained one
-- another person holds), so the evidence that made them a person of their own may have changed since.
CREATE TABLE person_recheck (
    person_id  bigint PRIMARY KEY REFERENCES person (person_id),
    queued_at  timestamptz NOT NULL DEFAULT now()
);

-- Public security's number-change records name the number a person held before: few rows, read on every consolidation.
CREATE INDEX source_record_former_id ON source_record (former_id_index) WHERE former_id_index IS NOT NULL;
