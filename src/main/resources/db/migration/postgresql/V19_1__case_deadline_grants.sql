-- The index transaction replaces a case's deadlines; the reminder leader records each reminder it queues.
GRANT SELECT, INSERT, DELETE ON case_deadline TO ${appRole};
GRANT SELECT, INSERT, DELETE ON deadline_reminder TO ${appRole};
