package org.casehub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casehub.CasehubApplication;
import org.casehub.embedded.FreePorts;
import org.casehub.support.GridEvents;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Pushes N synthetic grid events (default 100,000; -Dbench.records=N) through the hub on its embedded
 * brokers and H2, and prints records/s, p50/p99 ingest→feed latency (producer send → CloudEvent read
 * from casehub.cases) and peak heap. Run: {@code mvn -Pbench -DskipTests verify}.
 */
public final class PublicSafetyBenchmark {

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.records", 100_000);
        Path data = Files.createTempDirectory("casehub-bench-");
        int kafkaPort = FreePorts.free();
        String bootstrap = "localhost:" + kafkaPort;
        ConfigurableApplicationContext hub = SpringApplication.run(CasehubApplication.class,
                "--casehub.embedded.data-directory=" + data,
                "--casehub.embedded.kafka.port=" + kafkaPort,
                "--casehub.embedded.artemis.port=" + FreePorts.free(),
                "--server.port=" + FreePorts.free(),
                "--casehub.publish.relay-period=20",
                "--logging.level.org.casehub=WARN");
        try {
            run(n, bootstrap);
        } finally {
            hub.close();
            // 100,000 events leave gigabytes of Kafka log, journal and index; a nearly full disk makes Artemis block
            FileSystemUtils.deleteRecursively(data);
        }
    }

    private static void run(int n, String bootstrap) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>(n);
        List<byte[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = GridEvents.newEventId();
            ids.add(id);
            values.add(GridEvents.event(id, 1, "HJ-ZS").getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Long> sentAt = new ConcurrentHashMap<>(n * 2);
        long[] latencies = new long[n];
        int received = 0;

        try (KafkaConsumer<String, String> feed = unifiedFeed(bootstrap);
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            feed.poll(Duration.ofMillis(100));
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sentAt.put(ids.get(i), System.nanoTime());
                producer.send(new ProducerRecord<>(GridEvents.TOPIC, ids.get(i), values.get(i)));
            }
            producer.flush();
            long sent = System.nanoTime();
            long deadline = sent + Duration.ofMinutes(10).toNanos();
            while (received < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : feed.poll(Duration.ofMillis(200))) {
                    JsonNode event = json.readTree(record.value());
                    Long at = sentAt.remove(event.path("data").path("sources").get(0).path("recordId").asText());
                    if (at != null) {
                        latencies[received++] = System.nanoTime() - at;
                    }
                }
            }
            long end = System.nanoTime();
            long[] done = Arrays.copyOf(latencies, received);
            Arrays.sort(done);
            System.out.printf("%n=== casehub public-safety benchmark (%d cores, JDK %s) ===%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("records           %d sent, %d on casehub.cases%n", n, received);
            System.out.printf("produce           %.0f records/s%n", n / seconds(sent - start));
            System.out.printf("end to end        %.0f records/s (first send → last CloudEvent read)%n", received / seconds(end - start));
            if (received > 0) {
                System.out.printf("latency p50       %.1f ms%n", done[done.length / 2] / 1e6);
                System.out.printf("latency p99       %.1f ms%n", done[(int) (done.length * 0.99)] / 1e6);
            }
            System.out.printf("peak heap         %.0f MiB%n%n", peakHeap() / 1048576.0);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed())
                .sum();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, String> unifiedFeed(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("casehub.cases"));
        return consumer;
    }
}
