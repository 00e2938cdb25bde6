package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casehub.core.KafkaClientProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The production profile's CASEHUB_KAFKA_* variables reach every Kafka client of the hub — the feeds' consumers
 * (Camel's Kafka component), the unified feed's producer and the lag admin client — and an unset one is left out.
 */
class KafkaClientPropertiesTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"casehub\" password=\"hub-secret\";";

    private static KafkaClientProperties production(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("production", new FileSystemResource("config/application-production.yaml"))
                .forEach(environment.getPropertySources()::addLast);
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        return Binder.get(environment).bindOrCreate("casehub.kafka", KafkaClientProperties.class);
    }

    private static KafkaClientProperties sasl() throws IOException {
        return production(Map.of("CASEHUB_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "CASEHUB_KAFKA_SASL_MECHANISM", "PLAIN", "CASEHUB_KAFKA_SASL_JAAS_CONFIG", JAAS));
    }

    @Test
    void theSetVariablesBecomeClientPropertiesAndTheUnsetOnesAreLeftOut() throws IOException {
        assertThat(sasl().properties()).containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS));
        assertThat(production(Map.of()).properties()).isEmpty();
    }

    @Test
    void theUnifiedFeedsProducerLogsInWithThem() throws IOException {
        var config = OutboxRelay.producerConfig(new PublishProperties("localhost:9", "casehub.cases", "casehub.warnings", 500,
                Duration.ofSeconds(30), Duration.ofSeconds(1)), sasl());

        assertThat(config).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.jaas.config", JAAS);
        // Kafka accepts the settings: the producer is built with its SASL login
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            assertThat(producer.metrics()).isNotEmpty();
        }
    }

    @Test
    void theFeedsConsumersGetThemThroughCamelsKafkaComponent() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("kafkaClientSettings", new KafkaClientsConfiguration().kafkaClientSettings(sasl()));

            KafkaComponent kafka = camel.getComponent("kafka", KafkaComponent.class);

            assertThat(kafka.getConfiguration().getAdditionalProperties())
                    .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "PLAIN");
        }
    }
}
