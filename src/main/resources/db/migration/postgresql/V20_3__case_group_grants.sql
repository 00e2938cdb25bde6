-- 集体访 (issue 22): groups and their members are added, and re-joined when two groups turn out to be one.
GRANT SELECT, INSERT, UPDATE, DELETE ON case_group, case_group_member TO ${appRole};
