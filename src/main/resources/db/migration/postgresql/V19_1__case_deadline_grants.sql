-- The index transaction replaces a case's deadlines (delete, insert); the reminder leader records each reminder it
-- queues (insert; the rows are its memory and are never changed).
GRANT SELECT, INSERT, DELETE ON case_deadline TO ${appRole};
GRANT SELECT, INSERT ON deadline_reminder TO ${appRole};
