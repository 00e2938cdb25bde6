-- The pullers read and move their watermark; nothing deletes it.
GRANT SELECT, INSERT, UPDATE ON feed_watermark TO ${appRole};
