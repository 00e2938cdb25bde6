-- A record is quarantined once (org.casehub.index.QuarantineRepository): its fingerprint is the SHA-256 of
-- <feed>:<record id>:<source version> when the record has both, else of its original bytes. A source that hands the
-- same record again (a re-polled batch, a pull re-reading an order it cannot place, a restart) finds its row.
ALTER TABLE quarantine ADD COLUMN fingerprint VARCHAR(64);
CREATE UNIQUE INDEX quarantine_fingerprint ON quarantine (feed, fingerprint);
