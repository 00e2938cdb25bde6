package org.casehub.core;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every Kafka client of the hub passes to its cluster — the grid-event consumer, the unified feed's
 * producer, the admin client that reads consumer lags — such as SASL and TLS: {@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}, … The production profile fills
 * the common ones from {@code CASEHUB_KAFKA_*} environment variables (README); any other Kafka client property is set
 * as {@code casehub.kafka.client.[name]}. A blank value is left out, so an unset variable leaves Kafka's default.
 *
 * @param client Kafka client properties by their Kafka names
 */
@ConfigurationProperties("casehub.kafka")
public record KafkaClientProperties(@DefaultValue Map<String, String> client) {

    /** The properties with a value, by their Kafka names. */
    public Map<String, Object> properties() {
        Map<String, Object> set = new TreeMap<>();
        client.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                set.put(name, value);
            }
        });
        return set;
    }
}
