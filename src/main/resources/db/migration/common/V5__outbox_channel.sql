-- Each relay reads only its own pending rows, in order, through one index range: the unit relay's
-- "destination LIKE 'artemis:%'" could not use the (destination, …) index and scanned the whole outbox.
ALTER TABLE outbox ADD COLUMN channel VARCHAR(16);
UPDATE outbox SET channel = CASE WHEN destination LIKE 'kafka:%' THEN 'kafka' ELSE 'artemis' END;
ALTER TABLE outbox ALTER COLUMN channel SET NOT NULL;
CREATE INDEX outbox_channel_pending ON outbox (channel, published_at, id);
