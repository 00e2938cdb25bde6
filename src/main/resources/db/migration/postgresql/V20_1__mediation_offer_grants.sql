-- 信调联动 (issue 22): offers are only added.
GRANT SELECT, INSERT ON mediation_offer TO ${appRole};
