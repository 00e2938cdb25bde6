-- The units' relay adds its rounds' counts per minute and tier; the status page reads them; the retention purge deletes them.
GRANT SELECT, INSERT, DELETE ON tier_delivered TO ${appRole};
GRANT UPDATE (messages) ON tier_delivered TO ${appRole};
