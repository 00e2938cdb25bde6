-- The write-back relay records the platforms' answers; they are never changed.
GRANT SELECT, INSERT ON writeback_result TO ${appRole};
