-- Dedup keys and lock rows are only added; links are added and decided by operators, never deleted.
GRANT SELECT, INSERT, UPDATE ON dedup_key, dedup_lock, case_link TO ${appRole};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${flyway:defaultSchema} TO ${appRole};
