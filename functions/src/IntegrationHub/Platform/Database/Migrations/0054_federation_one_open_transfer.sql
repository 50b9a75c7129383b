-- Owned by flows.federation: a person leaves by one transfer at a time. A second request for a person whose transfer is
-- still under way is refused by this index (SQLSTATE 23505), however many operators ask at once.
CREATE UNIQUE INDEX transfer_one_open_per_person ON transfer (person_id)
    WHERE role = 'origin' AND status NOT IN ('accepted', 'rejected');
