-- Indexes no query reads, which every record's writes maintained (issue 18: the index transaction's cost per record):
-- a person is matched on the dedup step's hashed person keys (dedup_key), never by case_person's id_hash or phone_hash
-- (read and re-sealed by the case's rows only); and no query looks a case up by the case it was merged into, only
-- filters on merged_into IS NULL, which most cases are. Each case_person row carried two 64-character hash keys.
DROP INDEX case_person_id_hash;
DROP INDEX case_person_phone_hash;
DROP INDEX hub_case_merged_into;
