-- Codes of the sources' open classification lists (mappings/codes/ with "_kind": "classification") that a stored
-- record's mapping did not know: the record was stored with a fallback (its parent class, or the list's catch-all
-- code) and says so in its unmappedCodes (org.casehub.index.UnmappedCodes). Written in the index transaction.

-- Every code ever met, per feed and list: how many stored record versions took the fallback, first and last seen.
CREATE TABLE unmapped_code (
  feed          VARCHAR(64)  NOT NULL,
  list_name     VARCHAR(100) NOT NULL,
  code          VARCHAR(400) NOT NULL,
  used_instead  VARCHAR(400) NOT NULL,
  records       BIGINT       NOT NULL,
  first_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (feed, list_name, code)
);

-- The source records that carry a fallback now (replaced whenever the record is stored or re-mapped): what an
-- operator's re-map reads, and the count of cases still on a fallback.
CREATE TABLE unmapped_record (
  feed          VARCHAR(64)  NOT NULL,
  record_id     VARCHAR(128) NOT NULL,
  list_name     VARCHAR(100) NOT NULL,
  code          VARCHAR(400) NOT NULL,
  PRIMARY KEY (feed, record_id, list_name, code)
);
CREATE INDEX unmapped_record_code ON unmapped_record (list_name, code);

-- Records stored per feed and hour, and how many of them with a fallback: the share the feeds' health shows and
-- alarms on (casehub.ops.unmapped-window, unmapped-alarm-share).
CREATE TABLE unmapped_share (
  feed          VARCHAR(64)  NOT NULL,
  hour_start    TIMESTAMP WITH TIME ZONE NOT NULL,
  stored        BIGINT       NOT NULL,
  with_fallback BIGINT       NOT NULL,
  PRIMARY KEY (feed, hour_start)
);

-- Re-maps that operators start once a code was added (POST /api/unmapped-codes/remap), run in the background by one
-- instance (runner) that beats heartbeat_at (the database's clock) after each batch; a running re-map whose heartbeat
-- is older than casehub.quarantine.replay-stale-after was left by an instance that stopped or crashed, and reads
-- interrupted when asked for.
CREATE TABLE remap_job (
  id            VARCHAR(26)  PRIMARY KEY,
  requested_by  VARCHAR(64)  NOT NULL,
  requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  list_name     VARCHAR(100) NOT NULL,
  code          VARCHAR(400),
  state         VARCHAR(16)  NOT NULL,
  total         INTEGER      NOT NULL,
  done          INTEGER      NOT NULL,
  changed       INTEGER      NOT NULL,
  unchanged     INTEGER      NOT NULL,
  failed        INTEGER      NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at   TIMESTAMP WITH TIME ZONE,
  message       VARCHAR(500),
  runner        VARCHAR(128),
  heartbeat_at  TIMESTAMP WITH TIME ZONE
);
