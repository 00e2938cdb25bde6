-- The index transaction counts records (warning_case, warning_series); the back-fill keeps its cursor; the evaluator
-- raises warnings and operators acknowledge and close them (never deleted: a warning is a record of what was said).
GRANT SELECT, INSERT ON warning_case TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON warning_series, warning_backfill TO ${appRole};
GRANT SELECT, INSERT ON warning TO ${appRole};
GRANT UPDATE (state, acknowledged_by, acknowledged_at, closed_by, closed_at, close_note) ON warning TO ${appRole};
