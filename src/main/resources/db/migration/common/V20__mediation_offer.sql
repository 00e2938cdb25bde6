-- Routing by the matter (issue 22). 信调联动: every offer of a case to a mediation body, once per case and body.
CREATE TABLE mediation_offer (
  case_id       VARCHAR(26)  NOT NULL,
  body_code     VARCHAR(24)  NOT NULL,
  event_id      VARCHAR(40)  NOT NULL,
  division_code VARCHAR(12),
  offered_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT mediation_offer_pk PRIMARY KEY (case_id, body_code)
);
