-- dedup_key's primary key leads with the case (issue 18): its rows are read and deleted by case (a case re-keyed,
-- merged, re-sealed) and found by key through dedup_key_window; (block_key, case_id) answered no query, and the
-- separate index on case_id was a third index every key row maintained. Same rows, same uniqueness, one index fewer.
-- (H2 drops its unnamed key in its own words: db/migration/h2.) Builds the new key in one pass over the table.
ALTER TABLE dedup_key DROP CONSTRAINT dedup_key_pkey, ADD PRIMARY KEY (case_id, block_key);
DROP INDEX dedup_key_case;
