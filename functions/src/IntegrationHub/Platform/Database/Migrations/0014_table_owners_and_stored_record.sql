-- Every table has one owning module: only the owner writes it, and the other modules read it through the owner's classes
-- or through a view the owner's migration creates.
--   platform  principal, audit_log, audit_seal; event_outbox and event_sequence, written only through hub_emit_event
--   intake    intake_batch, intake_line, intake_problem_set, source_record, source_record_current. Identity claims, reads
--             and moves its linking cursor (intake_batch.linked_through) through Intake.Published.StoredLines.
--   identity  person, person_link, link_deferred, review_item, person_block, match_rejection, match_model_fit, person_recheck
--   labor     labor_dirty, labor_person, labor_fact, labor_household, labor_household_dirty
--   events    subscription, delivery, delivery_fanout

-- Owned by intake: what it publishes of the source records it stored, every accepted version, for the modules after it to
-- read and join. Identity numbers only as blind index and cipher, as in the table.
CREATE VIEW stored_record AS
SELECT department, feed, record_id, version, received_at, payload, id_number_index, id_number_cipher, id_number_valid,
       former_id_index
FROM source_record;
