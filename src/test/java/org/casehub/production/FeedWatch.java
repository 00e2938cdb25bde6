package org.casehub.production;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A downstream platform reading the unified feed casehub.cases on a thread of its own, noting when each source record
 * first appeared in an event (any of the case's {@code data.sources}: a record that joined an existing case arrives
 * in that case's update). The arrival times are {@link System#nanoTime()} of this JVM, the clock the sender stamps
 * its sends with; beside them, in the machine's wall clock, when the hub's index transaction that wrote the event began
 * (the event's {@code time}) and when its relay handed it to Kafka (the record's timestamp, the producer's create
 * time), which split ingest→feed into its stages.
 */
final class FeedWatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Arrival> firstSeen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile long events;

    private FeedWatch(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("casehub.cases"));
        thread = new Thread(this::read, "feed-watch");
        thread.setDaemon(true);
    }

    static FeedWatch start(String bootstrap) {
        FeedWatch watch = new FeedWatch(bootstrap);
        watch.thread.start();
        return watch;
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                var polled = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                long wall = System.currentTimeMillis();
                for (ConsumerRecord<String, String> record : polled) {
                    events++;
                    try {
                        JsonNode event = JSON.readTree(record.value());
                        Arrival arrival = new Arrival(now, wall, Instant.parse(event.path("time").asText()).toEpochMilli(),
                                record.timestamp());
                        for (JsonNode source : event.path("data").path("sources")) {
                            firstSeen.putIfAbsent(source.path("recordId").asText(), arrival);
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException("not JSON on casehub.cases: " + record.value(), e);
                    }
                }
            }
        } catch (WakeupException e) {
            // closed
        } finally {
            consumer.close();
        }
    }

    /** How many of these records have appeared on the feed. */
    long seen(Collection<String> recordIds) {
        return recordIds.stream().filter(firstSeen::containsKey).count();
    }

    /**
     * The first event that carried a record.
     *
     * @param nanos     when this JVM read it ({@link System#nanoTime()})
     * @param wall      the same, in epoch milliseconds
     * @param stored    when the index transaction that wrote the event began (its {@code time}), epoch milliseconds
     * @param published when the hub's relay sent it to Kafka (the record's create time), epoch milliseconds
     */
    record Arrival(long nanos, long wall, long stored, long published) {
    }

    /** When the record first appeared, or null. */
    Long arrival(String recordId) {
        Arrival arrival = firstSeen.get(recordId);
        return arrival == null ? null : arrival.nanos();
    }

    /** The first event that carried the record, or null. */
    Arrival stages(String recordId) {
        return firstSeen.get(recordId);
    }

    /** Events read so far (every event, including other records'). */
    long events() {
        return events;
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
