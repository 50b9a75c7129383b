-- The department exchange flow (Flows/Exchange): comparison findings fed back to each department, and their deliveries.
-- Owned by flows.exchange: exchange_dirty, exchange_finding, exchange_delivery.

-- Persons whose findings must be recomputed, marked in the transaction of the change (as labor_dirty is): mark is the
-- marking transaction, so the worker deletes a row only if nobody marked it again since it read it.
CREATE TABLE exchange_dirty (
    person_id  bigint PRIMARY KEY,
    mark       xid8 NOT NULL
);

-- One row per finding: a rule's condition holding for a person, reported to one department about its own records.
-- finding_key tells apart two findings of one rule and person (the registration or grant it is about).
-- number_cipher: the identity number the department itself sent on the record, encrypted, shown only to that department.
CREATE TABLE exchange_finding (
    finding_id       bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    rule_id          text NOT NULL,
    department       text NOT NULL,
    person_id        bigint NOT NULL,
    finding_key      text NOT NULL,
    record_ids       text[] NOT NULL,
    period_from      text NOT NULL,
    period_to        text NOT NULL,
    evidence         jsonb NOT NULL,
    detail           jsonb NOT NULL,
    number_cipher    bytea,
    open             boolean NOT NULL,
    first_seen       timestamptz NOT NULL,
    last_seen        timestamptz NOT NULL,
    resolved_at      timestamptz,
    acknowledged_at  timestamptz,
    changed_at       timestamptz NOT NULL,
    UNIQUE (rule_id, department, person_id, finding_key)
);

CREATE INDEX exchange_finding_person ON exchange_finding (person_id);
CREATE INDEX exchange_finding_department ON exchange_finding (department, changed_at);

-- One row per scheduled delivery of a department's files (kind: findings, quality): pending until its files are in the
-- outbox folder; a failed attempt keeps it pending with the reason, and it is tried again. through is the changed_at
-- up to which its findings file reaches; the next delivery starts there, so a failed one loses nothing.
CREATE TABLE exchange_delivery (
    department    text NOT NULL,
    kind          text NOT NULL,
    slot          timestamptz NOT NULL,
    status        text NOT NULL CHECK (status IN ('pending', 'delivered')),
    attempts      integer NOT NULL DEFAULT 0,
    last_error    text,
    next_attempt  timestamptz NOT NULL,
    since         timestamptz,
    through       timestamptz,
    files         jsonb,
    delivered_at  timestamptz,
    PRIMARY KEY (department, kind, slot)
);

-- Marks persons and the survivors they are merged into, sorted (the same locking order as labor's marks).
CREATE FUNCTION exchange_mark_persons(p_persons bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH RECURSIVE up AS (
        SELECT p.person_id, p.merged_into, 0 AS depth FROM person p WHERE p.person_id = ANY(p_persons)
        UNION ALL
        SELECT p.person_id, p.merged_into, u.depth + 1 FROM up u JOIN person p ON p.person_id = u.merged_into WHERE u.depth < 64
    )
    INSERT INTO exchange_dirty AS d (person_id, mark)
    SELECT DISTINCT person_id, pg_current_xact_id() FROM up ORDER BY person_id
    ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark
$$;

-- The comparisons read the labor feeds (labor_feed of migration 0006): a link to any of them may change a finding.
CREATE FUNCTION exchange_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM exchange_mark_persons(array(SELECT person_id FROM exchange_old_links WHERE labor_feed(department, feed)));
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM exchange_mark_persons(array(SELECT person_id FROM exchange_new_links WHERE labor_feed(department, feed)));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER exchange_link_insert AFTER INSERT ON person_link
    REFERENCING NEW TABLE AS exchange_new_links FOR EACH STATEMENT EXECUTE FUNCTION exchange_links_changed();
CREATE TRIGGER exchange_link_update AFTER UPDATE ON person_link
    REFERENCING OLD TABLE AS exchange_old_links NEW TABLE AS exchange_new_links FOR EACH STATEMENT
    EXECUTE FUNCTION exchange_links_changed();
CREATE TRIGGER exchange_link_delete AFTER DELETE ON person_link
    REFERENCING OLD TABLE AS exchange_old_links FOR EACH STATEMENT EXECUTE FUNCTION exchange_links_changed();

-- A merge or unmerge moves records between persons: both sides are compared again.
CREATE FUNCTION exchange_persons_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM exchange_mark_persons(array(
        SELECT n.person_id FROM exchange_old_persons o JOIN exchange_new_persons n USING (person_id)
        WHERE o.merged_into IS DISTINCT FROM n.merged_into
        UNION
        SELECT o.merged_into FROM exchange_old_persons o JOIN exchange_new_persons n USING (person_id)
        WHERE o.merged_into IS DISTINCT FROM n.merged_into AND o.merged_into IS NOT NULL));
    RETURN NULL;
END $$;

CREATE TRIGGER exchange_person_update AFTER UPDATE ON person
    REFERENCING OLD TABLE AS exchange_old_persons NEW TABLE AS exchange_new_persons FOR EACH STATEMENT
    EXECUTE FUNCTION exchange_persons_updated();

-- A hub that already holds persons compares them all once, as its workers get to them.
INSERT INTO exchange_dirty (person_id, mark)
SELECT person_id, pg_current_xact_id() FROM person WHERE merged_into IS NULL ORDER BY person_id;
