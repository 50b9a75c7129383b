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
