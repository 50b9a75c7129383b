-- Owned by identity: the person each stored record version is linked to, for the modules after it to read and join
-- (flows.federation's transfer-trigger scan takes only linked records, so records waiting in review do not fill its window).
CREATE VIEW linked_record AS
SELECT department, feed, record_id, version, person_id
FROM person_link;

-- Owned by intake, for flows.federation's transfer-trigger scan (every 5 s): the few stored records that name a toRegion,
-- in arrival order, instead of every version of the two feeds parsed and sorted on each scan.
CREATE INDEX source_record_to_region ON source_record (received_at) WHERE payload ? 'toRegion';
