-- Candidates are read from the blocking keys alone (an index-only scan on PostgreSQL): each key row carries its
-- case's current revision, so that the dedup rule knows whether the profile it keeps of the case is current, and a
-- case merged into another keeps no keys. From now on a case's key rows are replaced whenever the case is written.
ALTER TABLE dedup_key ADD COLUMN revision INTEGER DEFAULT 0 NOT NULL;
UPDATE dedup_key k SET revision = (SELECT c.revision FROM hub_case c WHERE c.case_id = k.case_id);
DELETE FROM dedup_key k WHERE EXISTS (SELECT 1 FROM hub_case c WHERE c.case_id = k.case_id AND c.merged_into IS NOT NULL);
DROP INDEX dedup_key_window;
CREATE INDEX dedup_key_window ON dedup_key (block_key, reported_at, case_id, revision);
