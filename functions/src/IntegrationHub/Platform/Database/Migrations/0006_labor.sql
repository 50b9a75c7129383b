-- Labor facts: employment spells, registered unemployment, employment-difficulty categories and zero-employment
-- households, derived per person from the current version of each record linked to the person, kept current by a worker.

-- Persons whose facts must be recomputed. Marked by the triggers below in the same transaction as the change; mark is the
-- marking transaction, so a worker deletes a row only if nobody marked it again since it read it.
CREATE TABLE labor_dirty (
    person_id  bigint PRIMARY KEY,
    mark       xid8 NOT NULL
);

-- What the worker last derived for a person that the household pass needs, and when the person's facts next change by
-- the calendar alone (a spell's evidence going stale, twelve months of unemployment, a birthday, a graduation).
CREATE TABLE labor_person (
    person_id          bigint PRIMARY KEY REFERENCES person (person_id),
    household_number   text,
    birth_date         date,
    gender             text,
    working_age_hint   boolean,       -- civil affairs' own view, used only when the birth date is unknown
    employed           boolean NOT NULL,
    in_study           boolean NOT NULL,
    sources            jsonb NOT NULL, -- the records placing the person in the household and making them employed or in study
    reevaluate_at      timestamptz,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX labor_person_household ON labor_person (household_number) WHERE household_number IS NOT NULL;
CREATE INDEX labor_person_due ON labor_person (reevaluate_at) WHERE reevaluate_at IS NOT NULL;

-- One row per fact of a person: kind employment (key: spell id), unemployment (key: the registration that opened it),
-- difficulty (key: category). data holds the fact's public fields as subscribers last heard them (plus the closing
-- fields once closed), detail what the worker needs internally, sources the records it stands on.
CREATE TABLE labor_fact (
    person_id   bigint NOT NULL REFERENCES person (person_id),
    kind        text NOT NULL CHECK (kind IN ('employment', 'unemployment', 'difficulty')),
    fact_key    text NOT NULL,
    open        boolean NOT NULL,
    data        jsonb NOT NULL,
    detail      jsonb NOT NULL,
    sources     jsonb NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (person_id, kind, fact_key)
);

-- Households (public security's household number) and whether each is a zero-employment household.
CREATE TABLE labor_household (
    household_number     text PRIMARY KEY,
    zero_employment      boolean NOT NULL DEFAULT false,
    members              bigint[] NOT NULL DEFAULT '{}',
    working_age_members  integer NOT NULL DEFAULT 0,
    as_of                date,
    sources              jsonb NOT NULL DEFAULT '[]'::jsonb,
    reevaluate_at        timestamptz,
    updated_at           timestamptz
);

CREATE INDEX labor_household_due ON labor_household (reevaluate_at) WHERE reevaluate_at IS NOT NULL;

CREATE TABLE labor_household_dirty (
    household_number  text PRIMARY KEY,
    mark              xid8 NOT NULL
);

-- The family of a survivor is found by walking merged_into downwards.
CREATE INDEX person_merged_into ON person (merged_into) WHERE merged_into IS NOT NULL;

-- Marks the persons and the survivors they are merged into. Sorted, so that two transactions marking overlapping sets
-- take the row locks in the same order.
CREATE FUNCTION labor_mark_persons(p_persons bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH RECURSIVE up AS (
        SELECT p.person_id, p.merged_into, 0 AS depth FROM person p WHERE p.person_id = ANY(p_persons)
        UNION ALL
        SELECT p.person_id, p.merged_into, u.depth + 1 FROM up u JOIN person p ON p.person_id = u.merged_into WHERE u.depth < 64
    )
    INSERT INTO labor_dirty AS d (person_id, mark)
    SELECT DISTINCT person_id, pg_current_xact_id() FROM up ORDER BY person_id
    ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark
$$;

-- The feeds labor facts are derived from (a skill certificate changes none of them).
CREATE FUNCTION labor_feed(p_department text, p_feed text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT (p_department, p_feed) IN (('tax', 'wage-withholding'), ('hr', 'social-insurance'), ('hr', 'employment-registration'),
        ('ca', 'social-assistance'), ('edu', 'graduate-roster'), ('ps', 'household-registration'))
$$;

-- A new link changes the person it goes to and, for a correction, the person the record's previous version was linked to.
CREATE FUNCTION labor_links_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM labor_mark_persons(array(
        SELECT n.person_id FROM labor_new_links n WHERE labor_feed(n.department, n.feed)
        UNION
        SELECT previous.person_id FROM labor_new_links n CROSS JOIN LATERAL (
            SELECT p.person_id FROM person_link p
            WHERE p.department = n.department AND p.feed = n.feed AND p.record_id = n.record_id AND p.version < n.version
            ORDER BY p.version DESC LIMIT 1) previous
        WHERE n.version > 1 AND labor_feed(n.department, n.feed)));
    RETURN NULL;
END $$;

CREATE FUNCTION labor_links_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM labor_mark_persons(array(
        SELECT person_id FROM labor_old_links WHERE labor_feed(department, feed)
        UNION
        SELECT person_id FROM labor_new_links WHERE labor_feed(department, feed)));
    RETURN NULL;
END $$;

CREATE FUNCTION labor_links_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM labor_mark_persons(array(SELECT person_id FROM labor_old_links WHERE labor_feed(department, feed)));
    RETURN NULL;
END $$;

CREATE TRIGGER labor_link_insert AFTER INSERT ON person_link
    REFERENCING NEW TABLE AS labor_new_links FOR EACH STATEMENT EXECUTE FUNCTION labor_links_inserted();
CREATE TRIGGER labor_link_update AFTER UPDATE ON person_link
    REFERENCING OLD TABLE AS labor_old_links NEW TABLE AS labor_new_links FOR EACH STATEMENT EXECUTE FUNCTION labor_links_updated();
CREATE TRIGGER labor_link_delete AFTER DELETE ON person_link
    REFERENCING OLD TABLE AS labor_old_links FOR EACH STATEMENT EXECUTE FUNCTION labor_links_deleted();

-- A merge, an unmerge, a household move, a corrected birth date or sex, or a newly adopted number (the number gives the
-- birth date and sex when no record does) changes the person's facts; a merge also those of both survivors.
CREATE FUNCTION labor_persons_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM labor_mark_persons(array(
        SELECT n.person_id FROM labor_old_persons o JOIN labor_new_persons n USING (person_id)
        WHERE o.merged_into IS DISTINCT FROM n.merged_into
           OR o.id_number_index IS DISTINCT FROM n.id_number_index
           OR o.golden -> 'householdNumber' -> 'value' IS DISTINCT FROM n.golden -> 'householdNumber' -> 'value'
           OR o.golden -> 'birthDate' -> 'value' IS DISTINCT FROM n.golden -> 'birthDate' -> 'value'
           OR o.golden -> 'gender' -> 'value' IS DISTINCT FROM n.golden -> 'gender' -> 'value'
        UNION
        SELECT o.merged_into FROM labor_old_persons o JOIN labor_new_persons n USING (person_id)
        WHERE o.merged_into IS DISTINCT FROM n.merged_into AND o.merged_into IS NOT NULL
        UNION
        SELECT n.merged_into FROM labor_old_persons o JOIN labor_new_persons n USING (person_id)
        WHERE o.merged_into IS DISTINCT FROM n.merged_into AND n.merged_into IS NOT NULL));
    RETURN NULL;
END $$;

CREATE TRIGGER labor_person_update AFTER UPDATE ON person
    REFERENCING OLD TABLE AS labor_old_persons NEW TABLE AS labor_new_persons FOR EACH STATEMENT
    EXECUTE FUNCTION labor_persons_updated();
