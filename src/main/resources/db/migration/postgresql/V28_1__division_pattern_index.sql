-- A scope or a division filter reads its cases by the prefix of their division code (division_code LIKE '440305%').
-- PostgreSQL uses a plain btree for such a prefix only under the C collation; under any other (C.UTF-8, zh_CN.UTF-8,
-- en_US.UTF-8) it walked the whole index, or the whole case table, with the LIKE as a filter. The pattern operator
-- class reads the prefix's range, and serves equality too. (H2 reads a prefix from the plain index.)
DROP INDEX hub_case_division;
CREATE INDEX hub_case_division ON hub_case (division_code varchar_pattern_ops);
