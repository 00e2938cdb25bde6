-- XF_JBXX_EXCHANGE of the provincial petition system's front-end database, as the contract's DDL
-- (shared/contracts/xf_exchange.sql) writes it, made re-runnable. Runs on H2 2.3 (the embedded
-- default's exchange database) and PostgreSQL: column names and types are the contract's.
CREATE TABLE IF NOT EXISTS XF_JBXX_EXCHANGE (
  XFJBH   varchar(32)  PRIMARY KEY,
  XFXS    char(1)      NOT NULL,
  XFMD    char(1)      NOT NULL,
  XFRXM   varchar(50)  NOT NULL,
  ZJHM    varchar(18),
  LXDH    varchar(20),
  RS      integer      NOT NULL DEFAULT 1,
  WTSDD   varchar(12)  NOT NULL,
  XXDZ    varchar(200),
  NRFL    varchar(4)   NOT NULL,
  BT      varchar(200),
  XFNR    bytea        NOT NULL,
  SFSFSS  char(1)      NOT NULL DEFAULT '0',
  DJSJ    timestamp    NOT NULL,
  BLZT    char(2)      NOT NULL,
  SJC     timestamp    NOT NULL,
  CLBZ    char(1)      NOT NULL DEFAULT '0',
  CLSM    varchar(500)
);
CREATE INDEX IF NOT EXISTS XF_JBXX_EXCHANGE_CLBZ ON XF_JBXX_EXCHANGE (CLBZ, SJC);

-- XF_BLJG_EXCHANGE, the result exchange table (shared/contracts/xf_result_exchange.sql, contracts §4.2), made
-- re-runnable: casehub inserts one row per unit result written back (org.casehub.writeback.PetitionResults); the
-- provincial system reads CLBZ = '0' and owns CLBZ/CLSM. BLYJ holds GBK-encoded bytes.
CREATE TABLE IF NOT EXISTS XF_BLJG_EXCHANGE (
  JGBH    varchar(40)  PRIMARY KEY,
  XFJBH   varchar(32)  NOT NULL,
  BLZT    char(2)      NOT NULL,
  BLDW    varchar(12)  NOT NULL,
  BLDWMC  varchar(100) NOT NULL,
  BLYJ    bytea,
  BLSJ    timestamp    NOT NULL,
  CLBZ    char(1)      NOT NULL DEFAULT '0',
  CLSM    varchar(500)
);
CREATE INDEX IF NOT EXISTS XF_BLJG_EXCHANGE_CLBZ ON XF_BLJG_EXCHANGE (CLBZ, BLSJ);
