-- Early warning (预警, org.casehub.warning): the counts it compares and the warnings it raised.

-- Each source record counted once, where and what it reported: the rolling intra-day count and the cases behind a
-- warning are read here. unit_code is the street (9 digits) or functional zone the record is placed in, else the
-- finest coarser code known; source is the feed.
CREATE TABLE warning_case (
  feed         VARCHAR(64)  NOT NULL,
  record_id    VARCHAR(128) NOT NULL,
  case_id      VARCHAR(26)  NOT NULL,
  unit_code    VARCHAR(12)  NOT NULL,
  category     VARCHAR(32)  NOT NULL,
  reported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (feed, record_id)
);
CREATE INDEX warning_case_series ON warning_case (unit_code, category, reported_at);

-- The daily series: per unit × unified category × source (feed) × Beijing day, the records counted. Maintained in the
-- index transaction (one increment per record first counted in warning_case), back-filled once from the index.
CREATE TABLE warning_series (
  unit_code  VARCHAR(12) NOT NULL,
  category   VARCHAR(32) NOT NULL,
  feed       VARCHAR(64) NOT NULL,
  on_day     DATE        NOT NULL,
  cases      INTEGER     NOT NULL,
  PRIMARY KEY (unit_code, category, feed, on_day)
);
CREATE INDEX warning_series_day ON warning_series (on_day);

-- The back-fill of the series from the cases already indexed when the warning package first started: one row, its
-- cursor (the last source record counted, in (feed, record_id) order) so that it resumes after a restart.
CREATE TABLE warning_backfill (
  name         VARCHAR(32)  PRIMARY KEY,
  total        INTEGER      NOT NULL,
  done         INTEGER      NOT NULL,
  cursor_feed  VARCHAR(64),
  cursor_id    VARCHAR(128),
  started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at     TIMESTAMP WITH TIME ZONE
);

-- A warning (预警提示函): one per unit × category × window; what was observed against what was expected, how unlikely,
-- by which rule, the cases behind it (JSON array of case ids), and its life: raised → acknowledged → closed.
CREATE TABLE warning (
  warning_id      VARCHAR(26)  PRIMARY KEY,
  unit_code       VARCHAR(12)  NOT NULL,
  district_code   VARCHAR(12),
  category        VARCHAR(32)  NOT NULL,
  window_start    DATE         NOT NULL,
  window_end      DATE         NOT NULL,
  rule            VARCHAR(32)  NOT NULL,
  sources         VARCHAR(400) NOT NULL,
  observed        INTEGER      NOT NULL,
  expected        DOUBLE PRECISION NOT NULL,
  probability     DOUBLE PRECISION NOT NULL,
  score           DOUBLE PRECISION NOT NULL,
  case_ids        VARCHAR      NOT NULL,
  letter          VARCHAR      NOT NULL,
  state           VARCHAR(16)  NOT NULL,
  raised_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  acknowledged_by VARCHAR(100),
  acknowledged_at TIMESTAMP WITH TIME ZONE,
  closed_by       VARCHAR(100),
  closed_at       TIMESTAMP WITH TIME ZONE,
  close_note      VARCHAR(500),
  CONSTRAINT warning_one_per_window UNIQUE (unit_code, category, window_start)
);
CREATE INDEX warning_raised ON warning (raised_at);
CREATE INDEX warning_unit ON warning (unit_code, category, raised_at);
