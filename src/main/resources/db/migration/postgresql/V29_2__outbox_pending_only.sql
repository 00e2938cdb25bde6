-- The relays' index of pending rows holds the pending rows only (issue 18). It held every row, the published ones kept
-- for casehub.retention.published-outbox (30 days: tens of millions at a city's rate), because the status page counted
-- the unit rows published in the last day through it; that count is now kept per tier and minute (tier_delivered).
-- Marking a row published (a new row version) now adds no entry to it, and the relays, the backlog and the units'
-- pending counts read an index of the waiting rows alone. The same columns, so that the queries keep their order.
-- (H2, the embedded default, has no partial indexes: there the index keeps every row, as before.)
DROP INDEX outbox_channel_pending;
CREATE INDEX outbox_channel_pending ON outbox (channel, published_at, id) WHERE published_at IS NULL;
