-- Flyway runs as the owner role; the hub connects as the application role with only the grants it needs.
-- The role is created without login when absent: the DBA gives it a password (README, production).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
    CREATE ROLE ${appRole} NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON hub_case, source_record, case_person TO ${appRole};
GRANT SELECT, INSERT, DELETE ON processed_id, outbox TO ${appRole};
GRANT UPDATE (published_at) ON outbox TO ${appRole};
GRANT SELECT, INSERT ON case_event TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON quarantine TO ${appRole};
GRANT DELETE ON case_person TO ${appRole};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${flyway:defaultSchema} TO ${appRole};
