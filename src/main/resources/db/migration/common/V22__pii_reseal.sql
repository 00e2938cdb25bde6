-- Re-seal jobs: moving the stored personal data to the current key and cipher suite, and the matching hashes to the
-- current hash key and suite (org.casehub.reseal). One job per target; a job interrupted resumes after its cursor.
CREATE TABLE pii_reseal_job (
  id                 VARCHAR(26)  PRIMARY KEY,
  requested_by       VARCHAR(64)  NOT NULL,
  requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  -- what the data is moved to: the current encryption key id (names the suite) and hash key id (names its suite)
  target_key_id      VARCHAR(32)  NOT NULL,
  target_hash_key_id VARCHAR(40)  NOT NULL,
  -- the hash key id the stored hashes are moved from; null: only sealed data moves
  from_hash_key_id   VARCHAR(40),
  state              VARCHAR(16)  NOT NULL,
  total              INTEGER      NOT NULL,
  done               INTEGER      NOT NULL,
  -- cases whose rows changed, quarantined records re-sealed
  changed            INTEGER      NOT NULL,
  quarantined        INTEGER      NOT NULL,
  -- the last case done (cases go in id order), then the last quarantine row done
  case_cursor        VARCHAR(26),
  quarantine_cursor  BIGINT,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at        TIMESTAMP WITH TIME ZONE,
  message            VARCHAR(500),
  runner             VARCHAR(128),
  heartbeat_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX pii_reseal_job_target ON pii_reseal_job (target_key_id, target_hash_key_id, requested_at);
