-- The units' relay takes a split-off destination out of its grouped row.
GRANT UPDATE (units) ON outbox TO ${appRole};
-- The relay asks for the split-off rows still pending of a round's cases: rare rows, so a partial index that the
-- index transaction's inserts (units NULL, split_from NULL) never touch.
CREATE INDEX outbox_split_case ON outbox (case_id) WHERE split_from IS NOT NULL;
