-- Quarantine that operators replay and discard (org.casehub.ops.QuarantineApi). A replay that fails again updates
-- its row (reasons, replay_count), one that passes moves it to 'replayed' with the case it became, in the index
-- transaction that stored it. States: open → replayed | discarded; only open rows are replayed or discarded.
ALTER TABLE quarantine ADD COLUMN replay_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE quarantine ADD COLUMN replayed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE quarantine ADD COLUMN replay_outcome VARCHAR(16);
ALTER TABLE quarantine ADD COLUMN case_id VARCHAR(26);
ALTER TABLE quarantine ADD COLUMN state_changed_by VARCHAR(64);
-- the list pages by id; the retention purge finds resolved rows by their state's age
CREATE INDEX quarantine_state_changed ON quarantine (state, state_changed_at);

-- Replays of many records, run in the background: what was asked, by whom, and how far it got.
CREATE TABLE quarantine_replay (
  id            VARCHAR(26)  PRIMARY KEY,
  requested_by  VARCHAR(64)  NOT NULL,
  requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  criteria      VARCHAR(2000) NOT NULL,
  state         VARCHAR(16)  NOT NULL,
  total         INTEGER      NOT NULL,
  done          INTEGER      NOT NULL,
  passed        INTEGER      NOT NULL,
  failed        INTEGER      NOT NULL,
  skipped       INTEGER      NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at   TIMESTAMP WITH TIME ZONE,
  message       VARCHAR(500)
);
CREATE INDEX quarantine_replay_finished ON quarantine_replay (finished_at);
