-- Units' reports are stored once and never changed.
GRANT SELECT, INSERT ON case_progress TO ${appRole};
