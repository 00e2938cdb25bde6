-- One artemis outbox row per event for all the units it goes to (issue 18): the index transaction wrote one row per
-- event and unit (six for a community case), each inserted, marked published and purged — the largest item of the
-- store. Such a row has the destination 'artemis:units' and the units' destinations in units, separated by a space;
-- the units' relay (org.casehub.publish.UnitDeliveryRelay) sends one message to each. Rows for one destination (the
-- unified feed, reminders, warnings, legal channels, notices, write-backs) keep units NULL, as before.
-- When one of a grouped row's destinations is refused for good, or has to wait behind a parked row of its case, the
-- relay splits it off into a row of its own (same event id, that destination, split_from = the grouped row's id, which
-- keeps its place in the case's order) and takes it out of units; that row is parked or waits as any other.
ALTER TABLE outbox ADD COLUMN units VARCHAR(4000);
ALTER TABLE outbox ADD COLUMN split_from BIGINT;
