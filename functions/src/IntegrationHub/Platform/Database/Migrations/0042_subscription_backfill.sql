-- Backfill of a new subscription (issue 19): the subscription first receives the current state as snapshot events, then
-- the live stream from exactly where the snapshot was read. live_from is the snapshot the state was read in: the
-- subscription takes only events whose transaction that snapshot does not see (the others are in the state). While
-- catching_up, the next fan-out also takes the events committed between that snapshot and the subscription's commit,
-- which a fan-out running meanwhile could not give to a subscription it did not see yet. Owned by Events.
ALTER TABLE subscription ADD COLUMN live_from pg_snapshot, ADD COLUMN catching_up boolean NOT NULL DEFAULT false;

-- The outbox events written as one subscription's snapshot: delivered only to it, never fanned out to others.
CREATE TABLE subscription_snapshot_event (
    position         bigint PRIMARY KEY,
    subscription_id  bigint NOT NULL
);
