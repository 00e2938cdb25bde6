package org.casehub.publish;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casehub.cluster.LeaderLeases;
import org.casehub.core.KafkaClientProperties;
import org.springframework.stereotype.Component;

/**
 * Publishes the early warnings (org.casehub.warning) to their Kafka topic ({@code casehub.publish.warnings-topic},
 * {@code casehub.warnings}, key = warning id): the unified feed's relay on a channel of its own, so that a backlog of
 * cases never delays a warning and a warning never takes a place in the cases' ordered batches. Callers add a row
 * for {@link #destination} with {@link OutboxRepository#insertOutbox}.
 */
@Component("warningFeedRelay")
public class WarningFeedRelay extends OutboxRelay {

    /** The outbox channel of the warnings topic. */
    public static final String CHANNEL = "warnings";

    public WarningFeedRelay(OutboxRepository outbox, PublishProperties properties, LeaderLeases leases,
                            KafkaClientProperties clients) {
        super(outbox, properties, leases, CHANNEL, properties.warningsTopic(), () -> {
            var config = producerConfig(properties, clients);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "casehub-warning-relay");
            return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        });
    }

    /** The outbox destination of the warnings topic. */
    public static String destination(PublishProperties properties) {
        return CHANNEL + ":" + properties.warningsTopic();
    }
}
