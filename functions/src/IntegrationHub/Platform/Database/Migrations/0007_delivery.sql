-- Subscriptions and delivery of the outbox's events. The outbox itself is only read here.

-- A subscription: who receives which event types, which data fields (JSON Pointers) and where. type_patterns are the
-- event types as LIKE patterns (a trailing * becomes %), so fan-out matches in SQL. The destination's secret (webhook
-- secret, Service Bus key) is kept only encrypted in secret_cipher; destination holds the rest.
CREATE TABLE subscription (
    subscription_id   bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    name              text NOT NULL UNIQUE,
    subscriber        text NOT NULL,
    legal_basis       text NOT NULL,
    purpose           text NOT NULL,
    event_types       text[] NOT NULL,
    type_patterns     text[] NOT NULL,
    fields            text[] NOT NULL,
    identity_numbers  boolean NOT NULL,
    destination       jsonb NOT NULL,
    secret_cipher     bytea,
    pull_cursor       bigint NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

-- One row per (subscription, event): the unit of delivery, retry and dead-lettering. delivery_id orders a
-- subscription's events (fan-out inserts them in outbox order under one lock), which keeps each person's in sequence.
-- A dispatcher leases the rows it is sending (lease_owner, lease_until); a lease that expires is taken over.
CREATE TABLE delivery (
    delivery_id      bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    subscription_id  bigint NOT NULL REFERENCES subscription (subscription_id) ON DELETE CASCADE,
    position         bigint NOT NULL,
    subject          text NOT NULL,
    state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT '-infinity',
    lease_owner      text,
    lease_until      timestamptz,
    delivered_at     timestamptz,
    last_error       text,
    UNIQUE (subscription_id, position)
);

CREATE INDEX delivery_pending ON delivery (subscription_id, delivery_id) WHERE state = 'pending';
CREATE INDEX delivery_dead ON delivery (subscription_id, subject, delivery_id) WHERE state = 'dead';

-- How far fan-out has got, as the snapshot it last read the outbox with: the next fan-out takes exactly the events whose
-- transaction is visible in its own snapshot and was not in this one. Unlike a position cursor this cannot skip an
-- event whose transaction took a lower position but committed later.
CREATE TABLE delivery_fanout (
    only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    snapshot  pg_snapshot NOT NULL
);

INSERT INTO delivery_fanout (snapshot) VALUES (pg_current_snapshot());

CREATE INDEX event_outbox_tx ON event_outbox (tx);

-- Wakes the dispatchers when events commit (NOTIFY is delivered at commit, one per transaction).
CREATE FUNCTION event_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hub_events', '');
    RETURN NULL;
END $$;

CREATE TRIGGER event_outbox_notify AFTER INSERT ON event_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION event_outbox_notify();
