-- The department exchange compares education's roster destinations with labor's destination verification
-- (labor_graduate_verification, migration 0020): a verification written, changed or removed marks its person for
-- comparison, in the transaction that writes it. Owned by flows.exchange: the trigger and its function.
CREATE FUNCTION exchange_verifications_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM exchange_mark_persons(array(SELECT DISTINCT person_id FROM exchange_old_verifications));
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM exchange_mark_persons(array(SELECT DISTINCT person_id FROM exchange_new_verifications));
    ELSE
        -- An update that changed nothing the comparison reads marks no one; one that moved a record marks both persons.
        PERFORM exchange_mark_persons(array(
            SELECT n.person_id FROM exchange_new_verifications n LEFT JOIN exchange_old_verifications o USING (record_id)
            WHERE o.record_id IS NULL OR o.person_id <> n.person_id OR o.status <> n.status OR o.evidence <> n.evidence
               OR o.graduation_date <> n.graduation_date
            UNION
            SELECT o.person_id FROM exchange_old_verifications o JOIN exchange_new_verifications n USING (record_id)
            WHERE o.person_id <> n.person_id));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER exchange_verification_insert AFTER INSERT ON labor_graduate_verification
    REFERENCING NEW TABLE AS exchange_new_verifications FOR EACH STATEMENT EXECUTE FUNCTION exchange_verifications_changed();
CREATE TRIGGER exchange_verification_update AFTER UPDATE ON labor_graduate_verification
    REFERENCING OLD TABLE AS exchange_old_verifications NEW TABLE AS exchange_new_verifications FOR EACH STATEMENT
    EXECUTE FUNCTION exchange_verifications_changed();
CREATE TRIGGER exchange_verification_delete AFTER DELETE ON labor_graduate_verification
    REFERENCING OLD TABLE AS exchange_old_verifications FOR EACH STATEMENT EXECUTE FUNCTION exchange_verifications_changed();
