-- The index transaction and the operators' re-maps write the unmapped codes; re-maps replace a record's rows.
GRANT SELECT, INSERT, UPDATE ON unmapped_code TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON unmapped_record TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON unmapped_share TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON remap_job TO ${appRole};
