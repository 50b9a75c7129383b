-- The outbox no longer notifies at commit (0007's event_outbox_notify). NOTIFY serializes every notifying transaction's
-- commit, WAL flush included, behind one database-wide lock: at 200 single-record batches a second every lock wait
-- sampled was on it (pg_locks: object, pg_database, AccessExclusiveLock), and the batches' linking fell seconds behind.
-- The dispatcher now finds new events by the outbox's last position, a lookup on its primary key (Events
-- DispatcherService). A redrive still notifies: it is an operator's single transaction. Owned by Events.
DROP TRIGGER event_outbox_notify ON event_outbox;
DROP FUNCTION event_outbox_notify();
