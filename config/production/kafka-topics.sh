#!/usr/bin/env bash
# casehub's Kafka topics (README, "Running in production", step 3). Run where Kafka's kafka-topics.sh is on the PATH:
#   BOOTSTRAP=kafka1:9092 ./kafka-topics.sh
# REPLICATION (default 3) and MIN_INSYNC (default 2) suit a cluster of at least three brokers; the production suite
# runs this same file against its one-broker cluster with both set to 1.
set -euo pipefail
: "${BOOTSTRAP:?BOOTSTRAP=host:port of the Kafka cluster}"

# the unified feed, key = case id: partitions bound how many consumers of one group read in parallel (per-case
# order holds within a partition); kept 30 days so that a downstream platform can replay a month
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic casehub.cases --partitions 12 --replication-factor "${REPLICATION:-3}" --config min.insync.replicas="${MIN_INSYNC:-2}" --config retention.ms=2592000000 --config cleanup.policy=delete

# the grid platform's (深平安) topic: its owners create it on their cluster; for a cluster of your own (tests, staging)
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic sz.pingan.grid-events --partitions 6 --replication-factor "${REPLICATION:-3}" --config min.insync.replicas="${MIN_INSYNC:-2}" --config retention.ms=604800000

# the early warnings (预警, org.casehub.warning), key = warning id: few events (a handful a day), kept a year so that a
# platform can read back every warning letter the hub wrote
kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic casehub.warnings --partitions 3 --replication-factor "${REPLICATION:-3}" --config min.insync.replicas="${MIN_INSYNC:-2}" --config retention.ms=31536000000 --config cleanup.policy=delete
