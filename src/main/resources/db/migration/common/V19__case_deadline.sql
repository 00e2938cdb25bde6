-- The statutory clock (issue 21): each case's deadlines as the rules of config/deadlines.yaml computed them when the
-- index last stored the case (one row per case and kind), and the reminders sent (one row per threshold, deadline
-- due time and unit: the row is written in the transaction that queues the reminder, so it is sent once).
CREATE TABLE case_deadline (
  case_id         VARCHAR(26)  NOT NULL,
  kind            VARCHAR(32)  NOT NULL,
  rule            VARCHAR(300) NOT NULL,
  origin          VARCHAR(16)  NOT NULL,
  counting        VARCHAR(16)  NOT NULL,
  calendar_known  BOOLEAN      NOT NULL,
  extended        BOOLEAN      NOT NULL,
  started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  yellow_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  state           VARCHAR(16)  NOT NULL,
  met_at          TIMESTAMP WITH TIME ZONE,
  unit_code       VARCHAR(12),
  supervisor_code VARCHAR(12),
  case_revision   INTEGER      NOT NULL,
  PRIMARY KEY (case_id, kind)
);
-- the reminders' schedule walks the running deadlines by the time their first reminder is due
CREATE INDEX case_deadline_running ON case_deadline (state, yellow_at);

CREATE TABLE deadline_reminder (
  case_id    VARCHAR(26)  NOT NULL,
  kind       VARCHAR(32)  NOT NULL,
  level      VARCHAR(8)   NOT NULL,
  due_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  unit_code  VARCHAR(12)  NOT NULL,
  event_id   VARCHAR(40)  NOT NULL,
  sent_by    VARCHAR(128) NOT NULL,
  sent_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (case_id, kind, level, due_at, unit_code)
);
