-- A case's blocking keys are replaced whenever it is written (V11). PostgreSQL locks deciders with advisory locks,
-- so dedup_lock serves only H2 now; its grants stay for a database migrated from H2's way.
GRANT DELETE ON dedup_key TO ${appRole};
