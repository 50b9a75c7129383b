-- A static query in PL/pgSQL is planned once per connection and the plan kept. For a query over a trigger's transition
-- tables that plan fits the size the tables had the first time: planned for the one-person update of a small batch and kept,
-- it joined the fifty thousand rows of a set-wise segment's update pairwise. Now that connections keep their plans between
-- uses (prepared statements), the query is run with EXECUTE, which plans it for the rows at hand each time.
CREATE OR REPLACE FUNCTION labor_persons_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed bigint[];
BEGIN
    EXECUTE $query$
        SELECT array(
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
            WHERE o.merged_into IS DISTINCT FROM n.merged_into AND n.merged_into IS NOT NULL)
        $query$ INTO changed;
    PERFORM labor_mark_persons(changed);
    RETURN NULL;
END $$;

-- Called by the link triggers for every linking statement: as SQL it was planned afresh on each call (its recursive query
-- was most of a one-record link's database time); as PL/pgSQL its plan is kept. The array parameter keeps the plan one of
-- index lookups whatever its size.
CREATE OR REPLACE FUNCTION labor_mark_persons(p_persons bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(p_persons) = 0 THEN
        RETURN;
    END IF;

    WITH RECURSIVE up AS (
        SELECT p.person_id, p.merged_into, 0 AS depth FROM person p WHERE p.person_id = ANY(p_persons)
        UNION ALL
        SELECT p.person_id, p.merged_into, u.depth + 1 FROM up u JOIN person p ON p.person_id = u.merged_into WHERE u.depth < 64
    )
    INSERT INTO labor_dirty AS d (person_id, mark)
    SELECT DISTINCT person_id, pg_current_xact_id() FROM up ORDER BY person_id
    ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark;
END $$;
