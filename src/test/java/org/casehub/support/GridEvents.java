package org.casehub.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** Plays the 深平安 platform in tests: writes grid events to sz.pingan.grid-events, as bytes. */
public final class GridEvents implements AutoCloseable {

    public static final String TOPIC = "sz.pingan.grid-events";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final KafkaProducer<String, byte[]> producer;
    private final String bootstrapServers;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    public GridEvents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A fresh event id, unique across the tests that share one broker. */
    public static String newEventId() {
        return String.format("PA%014d", SEQUENCE.incrementAndGet());
    }

    /**
     * A valid grid event with a party named 马斌 whose (valid) ID number and phone are derived from the event id:
     * every event is another person's grievance, so deduplication never joins two of them.
     */
    public static String event(String eventId, int version, String eventType) {
        return eventAt(eventId, version, eventType, "440303003022-08");
    }

    /** The same event placed in another grid (community code + grid number). */
    public static String eventAt(String eventId, int version, String eventType, String gridCode) {
        return """
                {"eventId": "%s", "version": %d, "eventType": "%s", "title": "楼上漏水", \
                "content": "罗湖区东门街道书院街社区翠竹路133号楼上住户漏水导致楼下天花板损坏,双方协商不成。", \
                "gridCode": "%s", "location": {"address": "罗湖区东门街道书院街社区翠竹路133号"}, \
                "occurTime": "2026-11-11T16:00:00+08:00", "reportTime": "2026-11-11T18:00:00+08:00", \
                "updatedAt": "2026-11-11T18:00:00+08:00", "reporter": {"name": "肖军艳", "role": "网格员"}, \
                "parties": [{"name": "马斌", "idCard": "%s", "phone": "%s"}], \
                "severity": 3, "status": "%s"}""".formatted(eventId, version, eventType, gridCode, idNumberOf(eventId),
                phoneOf(eventId), version > 1 ? "受理" : "上报");
    }

    /** The party's resident ID number in the event of this id: a Futian birth date and sequence from the id. */
    public static String idNumberOf(String eventId) {
        return TestPersons.idNumber("440304", number(eventId));
    }

    /** The party's mobile phone in the event of this id. */
    public static String phoneOf(String eventId) {
        return String.format("176%08d", number(eventId) % 100_000_000L);
    }

    private static long number(String eventId) {
        return Long.parseLong(eventId.replaceAll("\\D", ""));
    }

    public void send(String key, String value) {
        send(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** @return where the broker put it (a null value is a tombstone) */
    public RecordMetadata send(String key, byte[] value) {
        return sendTo(TOPIC, key, value);
    }

    /** The same to another topic (another Kafka feed). */
    public RecordMetadata sendTo(String topic, String key, byte[] value) {
        awaitLeaders(topic);
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public void sendAll(List<String> values) {
        for (String value : values) {
            send(null, value);
        }
    }

    /** Sends all at once (batched by the producer), then waits until every one is acknowledged. */
    public void sendAllAtOnce(List<String> values) {
        awaitLeaders(TOPIC);
        List<Future<?>> sent = values.stream()
                .<Future<?>>map(v -> producer.send(new ProducerRecord<>(TOPIC, null, v.getBytes(StandardCharsets.UTF_8))))
                .toList();
        producer.flush();
        for (Future<?> each : sent) {
            try {
                each.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * Before the first send to a topic: waits until the broker has it with a leader for every partition, and the
     * producer's metadata says so too. An idempotent send racing the embedded broker's creation of the topic can meet
     * NOT_LEADER_OR_FOLLOWER, then OUT_OF_ORDER_SEQUENCE on every retry until its delivery timeout (seen in CI).
     */
    private void awaitLeaders(String topic) {
        if (ready.contains(topic)) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Awaitility.await("a leader for every partition of " + topic).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                        // the producer's metadata request is what has the embedded broker create the topic
                        boolean known = producer.partitionsFor(topic).stream().allMatch(p -> p.leader() != null);
                        TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                        return known && described.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                    });
        }
        ready.add(topic);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
