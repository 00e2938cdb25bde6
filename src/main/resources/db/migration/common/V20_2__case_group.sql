-- Routing by the matter (issue 22). 集体访: a matter joining cases by dedup's related links (or one case whose source counts five or more people).
-- A group is recognised once its size (its cases, or the largest headcount a source gave) reaches the threshold;
-- recognised_at and escalation_event are set once, under the group row's lock, so it is escalated once.
CREATE TABLE case_group (
  group_id         VARCHAR(26)  PRIMARY KEY,
  member_count     INTEGER      NOT NULL,
  headcount        INTEGER      NOT NULL,
  recognised_by    VARCHAR(16),
  recognised_at    TIMESTAMP WITH TIME ZONE,
  escalation_event VARCHAR(40),
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the cases of a group: when each joined, and the group's size once it had joined (the size over time)
CREATE TABLE case_group_member (
  case_id       VARCHAR(26)  PRIMARY KEY,
  group_id      VARCHAR(26)  NOT NULL,
  division_code VARCHAR(12),
  headcount     INTEGER      NOT NULL,
  joined_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  size_after    INTEGER      NOT NULL
);
CREATE INDEX case_group_member_group ON case_group_member (group_id, joined_at);
