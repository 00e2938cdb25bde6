-- Operators replay and discard quarantine; the retention purge deletes resolved rows and finished replays.
GRANT DELETE ON quarantine TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON quarantine_replay TO ${appRole};
