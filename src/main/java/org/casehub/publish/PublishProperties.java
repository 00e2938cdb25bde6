package org.casehub.publish;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param bootstrapServers Kafka of the unified feed (embedded default: the in-process broker; production: CASEHUB_KAFKA_BOOTSTRAP)
 * @param topic            the unified feed topic
 * @param warningsTopic    the early warnings' topic (org.casehub.warning, relayed by WarningFeedRelay)
 * @param batchSize        outbox rows the relay publishes per round
 * @param sendTimeout      how long a send to the unified feed may wait for metadata or buffer space (it fails then,
 *                         never handed to the broker) and after how long a send still without outcome is reported (the
 *                         producer keeps trying it; the relay sends nothing again before its outcome)
 * @param relayPeriod      how often each outbox relay looks for pending rows on its own: the durable fallback behind
 *                         the wake-up that an index commit gives its relay at once (rows left by a crash, an outage's
 *                         retries, rows another instance wrote)
 */
@ConfigurationProperties("casehub.publish")
public record PublishProperties(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue("casehub.cases") String topic,
        @DefaultValue("casehub.warnings") String warningsTopic,
        @DefaultValue("500") int batchSize,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("1s") Duration relayPeriod) {

    /** The outbox destination name of the unified feed. */
    public String kafkaDestination() {
        return "kafka:" + topic;
    }
}
