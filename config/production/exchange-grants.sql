-- What the hub needs in the provincial petition system's front-end (exchange) database (README, "Running in
-- production", step 4): read XF_JBXX_EXCHANGE and mark the rows it took (CLBZ '1') or refused (CLBZ '2' with the
-- reason in CLSM), and insert units' results into XF_BLJG_EXCHANGE (the province owns its CLBZ/CLSM), nothing else. Run as the exchange table's owner:
--   psql -h exchange-host -U <owner> -d <exchange db> -v exchange_password="'…'" -f exchange-grants.sql
CREATE ROLE casehub_exchange LOGIN PASSWORD :exchange_password;
GRANT SELECT, UPDATE (CLBZ, CLSM) ON XF_JBXX_EXCHANGE TO casehub_exchange;
GRANT INSERT ON XF_BLJG_EXCHANGE TO casehub_exchange;
