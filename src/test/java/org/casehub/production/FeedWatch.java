package org.casehub.production;

import java.io.IOException;
import java.time.Duration;
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
 * its sends with.
 */
final class FeedWatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
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
                for (ConsumerRecord<String, String> record : polled) {
                    events++;
                    try {
                        for (JsonNode source : JSON.readTree(record.value()).path("data").path("sources")) {
                            firstSeen.putIfAbsent(source.path("recordId").asText(), now);
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

    /** When the record first appeared, or null. */
    Long arrival(String recordId) {
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
