-- Precise policy push (Flows/Policy): each policy's decision for each subject (a person, or an employer by credit code),
-- kept current by marks set in the transaction of every change of what a decision reads, as labor facts are.
-- Owned by the policy flow: policy_dirty, policy_decision, policy_catalogue_state. The triggers below sit on labor's and
-- identity's tables and only mark; they read labor_fact to find the employers of a changed person.

-- Subjects whose decisions must be made again. subject_id: the person id (bare number) or the credit code. mark is the
-- marking transaction, so the worker removes a mark only if nobody marked the subject again since it read it.
CREATE TABLE policy_dirty (
    subject_kind  text NOT NULL CHECK (subject_kind IN ('person', 'employer')),
    subject_id    text NOT NULL,
    mark          xid8 NOT NULL,
    PRIMARY KEY (subject_kind, subject_id)
);

-- The current decision of each policy for each subject it was made for, with its explanation (each clause true or false
-- with the facts and source records it read). Events go out when eligibility changes, so an ineligible decision
-- announces something only after an eligible one. months_granted / counted_through: the months counted against a capped benefit's cap.
CREATE TABLE policy_decision (
    policy_id        text NOT NULL,
    subject_kind     text NOT NULL CHECK (subject_kind IN ('person', 'employer')),
    subject_id       text NOT NULL,
    version          integer NOT NULL,
    content_hash     text NOT NULL,
    eligible         boolean NOT NULL,
    months_granted   integer,
    counted_through  text,
    reasons          jsonb NOT NULL,
    explanation      jsonb NOT NULL,
    decided_at       timestamptz NOT NULL,
    reevaluate_at    timestamptz,
    PRIMARY KEY (policy_id, subject_kind, subject_id)
);

CREATE INDEX policy_decision_subject ON policy_decision (subject_kind, subject_id);
CREATE INDEX policy_decision_due ON policy_decision (reevaluate_at) WHERE reevaluate_at IS NOT NULL;

-- The version and content of each policy the decisions were last made with: a new version (or a changed file) marks every
-- subject of its kind.
CREATE TABLE policy_catalogue_state (
    policy_id     text PRIMARY KEY,
    version       integer NOT NULL,
    content_hash  text NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Labor's reader finds an employer's employees by credit code.
CREATE INDEX labor_fact_employer ON labor_fact ((data ->> 'employerCreditCode')) WHERE kind = 'employment';

-- Marks persons, the employers they have spells with now, and the employers named in p_employers (spells as they were).
-- Sorted, so that two transactions marking overlapping sets take the row locks in the same order.
CREATE FUNCTION policy_mark(p_persons bigint[], p_employers text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(p_persons), 0) = 0 AND coalesce(cardinality(p_employers), 0) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO policy_dirty AS d (subject_kind, subject_id, mark)
    SELECT s.kind, s.id, pg_current_xact_id() FROM (
        SELECT 'person' AS kind, p::text AS id FROM unnest(p_persons) p WHERE p IS NOT NULL
        UNION
        SELECT 'employer', f.data ->> 'employerCreditCode' FROM labor_fact f
        WHERE f.person_id = ANY(p_persons) AND f.kind = 'employment' AND f.data ->> 'employerCreditCode' IS NOT NULL
        UNION
        SELECT 'employer', e FROM unnest(p_employers) e WHERE e IS NOT NULL) s
    ORDER BY 1, 2
    ON CONFLICT (subject_kind, subject_id) DO UPDATE SET mark = excluded.mark;
END $$;

-- A fact inserted, updated or deleted: its person, and the employers of the person's spells before and after.
CREATE FUNCTION policy_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    persons bigint[];
    employers text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE 'SELECT array(SELECT DISTINCT person_id FROM policy_new_facts)' INTO persons;
        employers := '{}';
    ELSIF TG_OP = 'UPDATE' THEN
        EXECUTE 'SELECT array(SELECT DISTINCT person_id FROM policy_new_facts)' INTO persons;
        EXECUTE $q$SELECT array(SELECT DISTINCT data ->> 'employerCreditCode' FROM policy_old_facts WHERE kind = 'employment')$q$ INTO employers;
    ELSE
        EXECUTE 'SELECT array(SELECT DISTINCT person_id FROM policy_old_facts)' INTO persons;
        EXECUTE $q$SELECT array(SELECT DISTINCT data ->> 'employerCreditCode' FROM policy_old_facts WHERE kind = 'employment')$q$ INTO employers;
    END IF;
    PERFORM policy_mark(persons, employers);
    RETURN NULL;
END $$;

CREATE TRIGGER policy_fact_insert AFTER INSERT ON labor_fact
    REFERENCING NEW TABLE AS policy_new_facts FOR EACH STATEMENT EXECUTE FUNCTION policy_facts_changed();
CREATE TRIGGER policy_fact_update AFTER UPDATE ON labor_fact
    REFERENCING OLD TABLE AS policy_old_facts NEW TABLE AS policy_new_facts FOR EACH STATEMENT EXECUTE FUNCTION policy_facts_changed();
CREATE TRIGGER policy_fact_delete AFTER DELETE ON labor_fact
    REFERENCING OLD TABLE AS policy_old_facts FOR EACH STATEMENT EXECUTE FUNCTION policy_facts_changed();

-- Birth date, sex, working-age view or household of a person as labor last derived them.
CREATE FUNCTION policy_labor_persons_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    persons bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE 'SELECT array(SELECT person_id FROM policy_new_members)' INTO persons;
    ELSE
        EXECUTE $q$SELECT array(SELECT n.person_id FROM policy_old_members o JOIN policy_new_members n USING (person_id)
            WHERE o.birth_date IS DISTINCT FROM n.birth_date OR o.gender IS DISTINCT FROM n.gender
               OR o.working_age_hint IS DISTINCT FROM n.working_age_hint OR o.household_number IS DISTINCT FROM n.household_number)$q$
            INTO persons;
    END IF;
    PERFORM policy_mark(persons, '{}');
    RETURN NULL;
END $$;

CREATE TRIGGER policy_labor_person_insert AFTER INSERT ON labor_person
    REFERENCING NEW TABLE AS policy_new_members FOR EACH STATEMENT EXECUTE FUNCTION policy_labor_persons_changed();
CREATE TRIGGER policy_labor_person_update AFTER UPDATE ON labor_person
    REFERENCING OLD TABLE AS policy_old_members NEW TABLE AS policy_new_members FOR EACH STATEMENT
    EXECUTE FUNCTION policy_labor_persons_changed();

-- A household becoming or ceasing to be a zero-employment household, or its members changing: every member before and after.
CREATE FUNCTION policy_households_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    persons bigint[];
BEGIN
    EXECUTE $q$SELECT array(
        SELECT DISTINCT m FROM policy_old_households o JOIN policy_new_households n USING (household_number)
        CROSS JOIN LATERAL unnest(o.members || n.members) m
        WHERE o.zero_employment IS DISTINCT FROM n.zero_employment OR o.members IS DISTINCT FROM n.members)$q$ INTO persons;
    PERFORM policy_mark(persons, '{}');
    RETURN NULL;
END $$;

CREATE TRIGGER policy_household_update AFTER UPDATE ON labor_household
    REFERENCING OLD TABLE AS policy_old_households NEW TABLE AS policy_new_households FOR EACH STATEMENT
    EXECUTE FUNCTION policy_households_changed();

-- A person merged, unmerged, or whose hukou region changed (the region a policy applies in).
CREATE FUNCTION policy_persons_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    persons bigint[];
BEGIN
    EXECUTE $q$SELECT array(
        SELECT n.person_id FROM policy_old_persons o JOIN policy_new_persons n USING (person_id)
        WHERE o.merged_into IS DISTINCT FROM n.merged_into
           OR o.golden -> 'hukouRegion' -> 'value' IS DISTINCT FROM n.golden -> 'hukouRegion' -> 'value'
        UNION
        SELECT n.merged_into FROM policy_old_persons o JOIN policy_new_persons n USING (person_id)
        WHERE o.merged_into IS DISTINCT FROM n.merged_into AND n.merged_into IS NOT NULL)$q$ INTO persons;
    PERFORM policy_mark(persons, '{}');
    RETURN NULL;
END $$;

CREATE TRIGGER policy_person_update AFTER UPDATE ON person
    REFERENCING OLD TABLE AS policy_old_persons NEW TABLE AS policy_new_persons FOR EACH STATEMENT
    EXECUTE FUNCTION policy_persons_changed();
