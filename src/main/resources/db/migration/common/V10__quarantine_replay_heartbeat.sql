-- A background replay runs on one hub instance: runner names it (its leader-lease holder name) and heartbeat_at, on
-- the database's clock, says it is alive. A running job whose heartbeat is older than
-- casehub.quarantine.replay-stale-after was left by an instance that stopped or crashed: any instance marks it
-- interrupted (org.casehub.ops.QuarantineReplays). Jobs from before this column have none and count as left.
ALTER TABLE quarantine_replay ADD COLUMN runner VARCHAR(128);
ALTER TABLE quarantine_replay ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX quarantine_replay_state ON quarantine_replay (state);
