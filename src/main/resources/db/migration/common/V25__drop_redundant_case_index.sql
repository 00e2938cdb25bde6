-- hub_case_updated_id (updated_at, case_id) answers every query hub_case_updated (updated_at) answered, and each
-- revision of a case (a new updated_at) had to maintain both (issue 18: the index transaction's cost per record).
DROP INDEX hub_case_updated;
