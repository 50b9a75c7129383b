-- The department exchange watches the feeds (Flows/Exchange/Feeds): each batch's size as it completes, and the alerts
-- raised when a feed is overdue or a batch far smaller than usual. Owned by flows.exchange.

-- The completed batches the watch has looked at, with their size: the history the median is taken over.
CREATE TABLE exchange_feed_batch (
    department    text NOT NULL,
    batch_id      text NOT NULL,
    feed          text NOT NULL,
    completed_at  timestamptz NOT NULL,
    received      integer NOT NULL,
    PRIMARY KEY (department, batch_id)
);

CREATE INDEX exchange_feed_batch_feed ON exchange_feed_batch (department, feed, completed_at);

-- One row per alert, raised once: overdue (alert_key: the due time missed) or anomalous (alert_key: the batch).
CREATE TABLE exchange_feed_alert (
    department  text NOT NULL,
    feed        text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('overdue', 'anomalous')),
    alert_key   text NOT NULL,
    detail      jsonb NOT NULL,
    raised_at   timestamptz NOT NULL,
    PRIMARY KEY (department, feed, kind, alert_key)
);

CREATE INDEX exchange_feed_alert_raised ON exchange_feed_alert (department, raised_at);
