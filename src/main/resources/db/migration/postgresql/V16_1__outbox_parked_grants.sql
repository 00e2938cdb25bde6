-- The relays park rows, operators re-send them (the row here is deleted).
GRANT SELECT, INSERT, DELETE ON outbox_parked TO ${appRole};
