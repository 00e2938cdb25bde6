-- A case's deliveries (GET /api/cases/{id}, its timeline) and its parked rows' waiting count read the outbox by
-- case_id, which no index had: every such read scanned the whole outbox, published rows kept for their retention
-- included (millions at a city's rate). outbox_pending (destination, published_at, id) has answered no query since the
-- relays read by channel (V5, outbox_channel_pending); every row inserted and every row marked published maintained it.
-- So the one index is swapped for the other: the index transaction and the relays maintain as many as before.
DROP INDEX outbox_pending;
CREATE INDEX outbox_case ON outbox (case_id);
