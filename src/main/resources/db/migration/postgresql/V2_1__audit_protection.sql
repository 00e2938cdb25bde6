-- The audit trail is append-only for the application role: it may insert and read, nothing else.
GRANT SELECT, INSERT ON audit_log TO ${appRole};

-- Privileges a DBA's default privileges may have given the application role are taken back, unless the
-- application role is the owner (one role for both: then the trigger below is the only lock).
DO $$
BEGIN
  IF '${appRole}' <> current_user THEN
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${appRole};
  END IF;
END
$$;

-- The second lock, which holds for every role that has privileges on the table, the owner included:
-- no row is ever changed, and a row is deleted only by the owner role (the hub's scheduled purge) and
-- only when it is older than six months, the shortest retention the hub allows.
CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID)
       AND OLD.occurred_at < now() - INTERVAL '6 months' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % may not delete row % (only the owner purges rows older than six months)',
      current_user, OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused for %', TG_OP, current_user
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
