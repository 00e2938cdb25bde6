package org.casehub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "cases";

    @TempDir
    Path dataDirectory;

    @Test
    void brokerStartsOnAFreshDirectoryAndAcceptsRecords() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(properties(FreePorts.free()))) {
            timedStart(broker, "on a fresh directory");

            produce(broker, "case-1", "petition received");

            assertThat(consumeUntilFound(broker, "petition received")).contains("petition received");
        }
    }

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        EmbeddedBrokerProperties properties = properties(FreePorts.free());
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(properties)) {
            timedStart(broker, "on a fresh directory");
            produce(broker, "case-2", "kept across restarts");
        }

        try (EmbeddedKafkaBroker restarted = new EmbeddedKafkaBroker(properties)) {
            timedStart(restarted, "again on the same directory");

            assertThat(consumeUntilFound(restarted, "kept across restarts")).contains("kept across restarts");
        }
    }

    private EmbeddedBrokerProperties properties(int kafkaPort) {
        EmbeddedBrokerProperties properties = new EmbeddedBrokerProperties();
        properties.setDataDirectory(dataDirectory);
        properties.getKafka().setPort(kafkaPort);
        return properties;
    }

    private static void timedStart(EmbeddedKafkaBroker broker, String how) {
        long began = System.nanoTime();
        broker.start();
        System.out.printf("Embedded Kafka started %s in %d ms%n", how,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private static void produce(EmbeddedKafkaBroker broker, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeUntilFound(EmbeddedKafkaBroker broker, String expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            // KafkaConsumer must not be shared between threads, so Awaitility polls on this one.
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, String> consumed : consumer.poll(Duration.ofMillis(500))) {
                    values.add(consumed.value());
                }
                return values.contains(expected);
            });
        }
        return values;
    }
}
