-- The Kafka relay adds its rounds' counts and deletes those past an hour; feed health reads them.
GRANT SELECT, INSERT, DELETE ON feed_published TO ${appRole};
