-- The case API's reads: the list walks (updated_at, case_id), Open311 (created_at, case_id) newest first.
CREATE INDEX hub_case_updated_id ON hub_case (updated_at, case_id);
CREATE INDEX hub_case_created_id ON hub_case (created_at, case_id);
