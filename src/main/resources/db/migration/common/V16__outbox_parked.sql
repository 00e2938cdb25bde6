-- An outbox row that its destination refuses for good (an event above the topic's max.message.bytes, an address the
-- hub may not send to) is parked here with the reason, so that it fails alone (org.casehub.publish.OutboxChannelRelay):
-- the relays skip it, and every later row of the same case for the same destination waits behind it (per-case
-- order), while the other cases go on. An operator re-sends it once the cause is fixed by deleting its row here
-- (POST /api/outbox/parked/{id}/resend, audited). Parked rows are rare: the relays' NOT EXISTS on (case_id,
-- destination) reads a table that is almost always empty.
CREATE TABLE outbox_parked (
  outbox_id   BIGINT       NOT NULL PRIMARY KEY REFERENCES outbox (id),
  channel     VARCHAR(16)  NOT NULL,
  case_id     VARCHAR(26)  NOT NULL,
  destination VARCHAR(100) NOT NULL,
  reason      VARCHAR(1000) NOT NULL,
  parked_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX outbox_parked_case ON outbox_parked (case_id, destination);
