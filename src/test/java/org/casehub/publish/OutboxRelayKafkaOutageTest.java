package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casehub.core.KafkaClientProperties;
import org.casehub.embedded.EmbeddedBrokerProperties;
import org.casehub.embedded.EmbeddedKafkaBroker;
import org.casehub.embedded.FreePorts;
import org.casehub.support.UnifiedFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay through a Kafka outage longer than its send timeout, with a real producer and a real broker (the embedded
 * one, stopped and started on its data): every event reaches the unified feed once and no case's older revision
 * follows a newer one.
 */
class OutboxRelayKafkaOutageTest {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayKafkaOutageTest.class);
    private static final int CASES = 20;
    private static final PublishProperties PUBLISH = new PublishProperties("", "casehub.cases", "casehub.warnings", 500,
            Duration.ofSeconds(3), Duration.ofSeconds(1));

    @TempDir
    Path data;

    private final TestOutbox outbox = new TestOutbox();

    @Test
    void throughAKafkaOutageEveryEventArrivesAndNoOlderRevisionFollowsANewerOne() {
        EmbeddedBrokerProperties kafka = new EmbeddedBrokerProperties();
        kafka.setDataDirectory(data);
        kafka.getKafka().setPort(FreePorts.free());
        String bootstrap = "localhost:" + kafka.getKafka().getPort();
        PublishProperties publish = new PublishProperties(bootstrap, PUBLISH.topic(), PUBLISH.warningsTopic(),
                PUBLISH.batchSize(), PUBLISH.sendTimeout(), PUBLISH.relayPeriod());
        OutboxRelay relay = new OutboxRelay(outbox.repository(), publish, outbox.leases(),
                () -> new KafkaProducer<>(OutboxRelay.producerConfig(publish, new KafkaClientProperties(Map.of())),
                        new StringSerializer(), new ByteArraySerializer()));
        try {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(kafka);
            broker.start();
            events(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> relay.relay() >= 0 && pending() == 0);

            broker.close();
            events(2);
            events(3);
            relay.relay();
            relay.relay();
            assertThat(pending()).as("nothing acknowledged while Kafka is away").isEqualTo(2 * CASES);

            EmbeddedKafkaBroker restarted = new EmbeddedKafkaBroker(kafka);
            restarted.start();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> relay.relay() >= 0 && pending() == 0);
                Map<String, List<Integer>> revisions = readTheFeed(bootstrap);

                int duplicates = 0;
                for (var kase : revisions.entrySet()) {
                    List<Integer> seen = kase.getValue();
                    assertThat(seen).as(kase.getKey()).isSorted().contains(1, 2, 3);
                    duplicates += seen.size() - 3;
                }
                log.info("Kafka outage: {} event(s) of {} published twice", duplicates, 3 * CASES);
                assertThat(duplicates).as("events published twice: the producer's own retries only").isZero();
            } finally {
                restarted.close();
            }
        } finally {
            relay.destroy();
        }
    }

    private Map<String, List<Integer>> readTheFeed(String bootstrap) {
        Map<String, List<Integer>> revisions = new HashMap<>();
        try (UnifiedFeed feed = new UnifiedFeed(bootstrap)) {
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> feed.poll().size() >= 3 * CASES);
            for (ConsumerRecord<String, String> record : feed.poll()) {
                int revision = Integer.parseInt(record.value().replaceAll(".*\"revision\":(\\d+).*", "$1"));
                revisions.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(revision);
            }
        }
        return revisions;
    }

    private void events(int revision) {
        for (int i = 0; i < CASES; i++) {
            outbox.event("case-" + i, revision, PUBLISH.kafkaDestination());
        }
    }

    private int pending() {
        return outbox.pending();
    }
}
