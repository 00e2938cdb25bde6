-- How far a pulled feed has read its source: the last (source time, record id) pair whose record the
-- index stored. Source time is the source's own local time (Beijing time for the 12345 platform).
CREATE TABLE feed_watermark (
  feed           VARCHAR(64)  PRIMARY KEY,
  position_time  TIMESTAMP    NOT NULL,
  position_id    VARCHAR(128) NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
