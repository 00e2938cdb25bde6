-- Leader leases: with several hub instances on one database (production), one instance at a time runs each
-- poller (the livelihood pull, the exchange-table poll). A lease is held until expires_at (the database's
-- clock, so that the instances' clocks do not matter) and renewed by its holder well before then.
CREATE TABLE leader_lease (
  name        VARCHAR(64)  PRIMARY KEY,
  holder      VARCHAR(128) NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
