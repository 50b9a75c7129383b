-- Labor facts of graduates (issue 17): the graduate fact kind, the destination verification of each roster record, and
-- the view others read the facts through. Owned by labor: labor_graduate_verification and the view labor_graduate.

ALTER TABLE labor_fact DROP CONSTRAINT labor_fact_kind_check;
ALTER TABLE labor_fact ADD CONSTRAINT labor_fact_kind_check
    CHECK (kind IN ('employment', 'unemployment', 'difficulty', 'graduate'));

-- A cohort's graduates are read together (the ledger, indicators, ratings).
CREATE INDEX labor_fact_graduate_cohort ON labor_fact (((data ->> 'cohort')::int), person_id) WHERE kind = 'graduate';

-- One row per roster record (education's recordId): the claimed destination checked against employment evidence in a
-- window around graduation. person_id is the person the record is linked to now; the row moves with the record (a merge
-- or split rewrites it from the person that holds the record now). evidence: the source records (department, feed,
-- recordId, version) the status stands on; education is only ever shown their kinds.
CREATE TABLE labor_graduate_verification (
    record_id            text PRIMARY KEY,
    version              integer NOT NULL,
    person_id            bigint NOT NULL REFERENCES person (person_id),
    cohort               integer NOT NULL,
    graduation_date      date NOT NULL,
    school_code          text NOT NULL,
    claimed_destination  text NOT NULL,
    claimed_employer     text,
    status               text NOT NULL CHECK (status IN ('verified', 'employer-differs', 'no-evidence', 'contradicted', 'not-applicable')),
    evidence             jsonb NOT NULL,
    changed_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

CREATE INDEX labor_graduate_verification_cohort ON labor_graduate_verification (cohort, record_id);
CREATE INDEX labor_graduate_verification_person ON labor_graduate_verification (person_id);

-- The graduate facts as columns, for readers in SQL (flows, reports).
CREATE VIEW labor_graduate AS
SELECT person_id, fact_key, open,
       (data ->> 'cohort')::int AS cohort,
       (data ->> 'graduationDate')::date AS graduation_date,
       data ->> 'educationLevel' AS education_level,
       data ->> 'schoolCode' AS school_code,
       data ->> 'schoolName' AS school_name,
       data ->> 'majorCode' AS major_code,
       data ->> 'majorName' AS major_name,
       data ->> 'status' AS status,
       (data ->> 'placedOn')::date AS placed_on,
       data ->> 'placementForm' AS placement_form,
       data ->> 'employerCreditCode' AS employer_credit_code,
       data ->> 'hukouRegion' AS hukou_region,
       (data ->> 'hardshipFamily')::boolean AS hardship_family,
       (data ->> 'disabled')::boolean AS disabled,
       (data ->> 'ledgerSince')::date AS ledger_since,
       data ->> 'claimedDestination' AS claimed_destination,
       data ->> 'rosterRecordId' AS roster_record_id,
       sources, updated_at
FROM labor_fact WHERE kind = 'graduate';
