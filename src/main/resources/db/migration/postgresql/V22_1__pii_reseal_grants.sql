-- The re-seal job records its progress; the rows it moves are the index's and the quarantine's, already granted.
GRANT SELECT, INSERT, UPDATE ON pii_reseal_job TO ${appRole};
