-- Events of each feed published to the unified feed, as the Kafka relay counts them at each round when it marks the
-- round's rows published: feed health sums the last minute's rows (org.casehub.publish.OutboxRepository
-- .publishedByFeed). It counted the outbox's rows published in the last minute instead, which read every one of them
-- at each refresh (every 2 s): 5-6 % of PostgreSQL's statement time at 700 records/s in the throughput benchmark, and
-- growing with the rate (issue 18). A row per relay round and feed; the relay deletes those older than an hour.
CREATE TABLE feed_published (
  feed         VARCHAR(64)  NOT NULL,
  published_at TIMESTAMP WITH TIME ZONE NOT NULL,
  events       BIGINT       NOT NULL
);
CREATE INDEX feed_published_at ON feed_published (published_at);
