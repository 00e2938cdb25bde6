-- Unit messages delivered per tier and minute, as the units' relay counts them when it marks a round's rows published:
-- the status page's deliveries per tier over the last casehub.ops.delivery-window (org.casehub.publish.OutboxRepository
-- .deliveredByTier). It counted the outbox's unit rows published in the window instead: a day of rows (tens of
-- millions at a city's rate) read at every refresh while the page is open, through an index that had to hold every
-- published row for it, which every row marked published grew (issue 18). A row per minute and tier, which the relay
-- adds to; purged with the published outbox rows they count (casehub.retention.published-outbox).
CREATE TABLE tier_delivered (
  at_minute TIMESTAMP WITH TIME ZONE NOT NULL,
  tier      VARCHAR(16) NOT NULL,
  messages  BIGINT      NOT NULL,
  PRIMARY KEY (at_minute, tier)
);
