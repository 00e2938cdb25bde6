-- The feed of a unified-feed row's event, written with the row (issue 18): feed health counts each feed's events
-- published in the last minute every few seconds, and found the feed by joining every such row to its event in
-- case_event, whose rows carry the whole event JSON (on H2 a large part of the embedded hub's CPU under load).
-- Rows of other channels, and rows written before this column, have none and are not counted.
ALTER TABLE outbox ADD COLUMN feed VARCHAR(64);
