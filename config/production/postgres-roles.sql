-- casehub's index database and its two roles (README, "Running in production", step 4). Run as a superuser:
--   psql -h db-host -U postgres -v owner_password="'…'" -v app_password="'…'" -f postgres-roles.sql
-- The owner role runs the migrations (CASEHUB_DB_OWNER_USER) and owns the tables; the application role
-- (CASEHUB_DB_USER) gets from the migrations only the grants the hub needs: it cannot alter or drop a table, nor
-- delete from the audit trail.
CREATE ROLE casehub_owner LOGIN PASSWORD :owner_password;
CREATE ROLE casehub_app LOGIN PASSWORD :app_password;
CREATE DATABASE casehub OWNER casehub_owner;
