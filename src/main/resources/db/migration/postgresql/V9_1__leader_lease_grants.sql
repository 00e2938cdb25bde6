-- Instances take, renew and, when they stop, give back their leases.
GRANT SELECT, INSERT, UPDATE, DELETE ON leader_lease TO ${appRole};
