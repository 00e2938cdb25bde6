package org.casehub.publish;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param bootstrapServers Kafka of the unified feed (embedded default: the in-process broker; production: CASEHUB_KAFKA_BOOTSTRAP)
 * @param topic            the unified feed topic
 * @param warningsTopic    the early warnings' topic (org.casehub.warning, relayed by WarningFeedRelay)
 * @param batchSize        outbox rows the relay publishes per round
 * @param sendTimeout      the producer's delivery timeout: every send has an outcome (acknowledged, or failed and left
 *                         to be sent again) within it; the relay waits for that outcome, a little longer, and sends
 *                         nothing again before it
 */
@ConfigurationProperties("casehub.publish")
public record PublishProperties(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue("casehub.cases") String topic,
        @DefaultValue("casehub.warnings") String warningsTopic,
        @DefaultValue("500") int batchSize,
        @DefaultValue("30s") Duration sendTimeout) {

    /** The outbox destination name of the unified feed. */
    public String kafkaDestination() {
        return "kafka:" + topic;
    }
}
