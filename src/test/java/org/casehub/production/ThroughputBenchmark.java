package org.casehub.production;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casehub.bench.DedupDataSet;
import org.casehub.embedded.FreePorts;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.NetworkProperties;
import org.casehub.support.GridEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 18's throughput benchmark: the same generated grid events (persons, a grievance reported again across days,
 * every Shenzhen community: {@link DedupDataSet}'s grid events) through
 * <ol>
 *   <li>a bare Camel route, Kafka batch consumer → batched JDBC insert of the raw record ({@link BareRoute}), and</li>
 *   <li>the packaged hub on its production profile, Kafka → index on PostgreSQL → unified feed and unit queues,</li>
 * </ol>
 * on the production suite's services (a PostgreSQL cluster of its own, syncing commits as production does; Kafka in
 * its own JVM; Artemis with login), in one run; then the hub on its embedded default (H2, in-process brokers),
 * reported separately. Each hub phase prints records/s to the index, the feed and the units, the hub's CPU and peak
 * heap, Camel's time per route step, a flight recording's hot spots, and the ingest→feed latency at a steady rate.
 * <p>
 * Run with {@code mvn -Pbench -DskipTests -Dexec.skip verify} (README, benchmarks); never part of {@code mvn verify}.
 * Figures, not assertions: it fails only when the hub does not get through the records.
 */
@Tag("bench")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThroughputBenchmark {

    private static final int EVENTS = Integer.getInteger("casehub.bench.events", 10_000);
    private static final int RATE = Integer.getInteger("casehub.bench.rate", 1_000);
    private static final int STEADY_SECONDS = Integer.getInteger("casehub.bench.steady-seconds", 10);
    private static final Duration PATIENCE = Duration.ofMinutes(Integer.getInteger("casehub.bench.patience-minutes", 20));
    private static final String BARE_TOPIC = "bench.grid-events.bare";
    private static final List<String> HUB_ROUTES = List.of("feed-public-safety", "normalize-and-store",
            "publish-unified-feed", "deliver-to-units");
    private static final Pattern PORT = Pattern.compile(":(\\d+)(/|$)");

    /** A generated grid event: its id and its bytes as the platform sends them. */
    private record Event(String id, byte[] bytes) {
    }

    private static List<Event> burst;
    private static List<Event> steady;
    private static Double bareRate;

    @BeforeAll
    static void generate() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        CasehubHome home = new CasehubHome(new HomeProperties("."));
        DivisionDirectory divisions = new DivisionDirectory(home, new NetworkProperties("config/network/divisions-44.csv"));
        DedupDataSet data = new DedupDataSet(json, divisions, 18, Integer.MAX_VALUE);
        int wanted = EVENTS + RATE * STEADY_SECONDS;
        List<Event> grid = new ArrayList<>();
        for (int all = wanted * 3; grid.size() < wanted; all *= 2) {
            grid.clear();
            for (DedupDataSet.Labelled labelled : data.generate(all)) {
                if (labelled.record().feed().equals("public-safety")) {
                    byte[] bytes = labelled.record().raw();
                    grid.add(new Event(json.readTree(bytes).path("eventId").asText(), bytes));
                }
            }
        }
        burst = grid.subList(0, EVENTS);
        steady = grid.subList(EVENTS, wanted);
        System.out.printf("%n=== casehub throughput benchmark (%d cores, JDK %s): %,d grid events in %,d communities,"
                + " then %d s at %,d/s ===%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                EVENTS, divisions.codesUnder("4403", 12).size(), STEADY_SECONDS, RATE);
    }

    @Test
    @Order(1)
    void productionProfileAgainstABareCamelRoute() throws Exception {
        try (ProductionServices services = ProductionServices.start("", new String[] {"", ""}, true)) {
            String bootstrap = services.kafka.bootstrap();
            Map<Integer, String> ports = Map.of(port(services.postgres.url("x")), "PostgreSQL", port(bootstrap), "Kafka",
                    port(services.artemis.url()), "Artemis");

            bareRate = bareRoute(services, bootstrap);

            HubProbe probe = HubProbe.onFreePort();
            List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
            jvm.addAll(probe.jvmOptions());
            try (HubProcess hub = HubProcess.start("bench-hub", services.folder, services.hubEnvironment(false), jvm,
                    List.of("--spring.profiles.active=production")).awaitReady(); HubProbe connected = probe.connect()) {
                measure("production profile (PostgreSQL 15 with fsync, Kafka and Artemis in their own JVMs)", hub,
                        connected, bootstrap, ports, services.folder);
            }
        }
    }

    @Test
    @Order(2)
    void embeddedDefault() throws Exception {
        Path folder = Files.createTempDirectory("casehub-bench-h2-");
        int kafkaPort = FreePorts.free();
        int artemisPort = FreePorts.free();
        HubProbe probe = HubProbe.onFreePort();
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        jvm.addAll(probe.jvmOptions());
        try (HubProcess hub = HubProcess.start("bench-hub-h2", folder, Map.of(), jvm, List.of(
                "--casehub.embedded.data-directory=" + folder.resolve("data"), "--casehub.embedded.kafka.port=" + kafkaPort,
                "--casehub.embedded.artemis.port=" + artemisPort)).awaitReady(); HubProbe connected = probe.connect()) {
            bareRate = null;
            measure("embedded default (H2 file, in-process Kafka and Artemis)", hub, connected, "localhost:" + kafkaPort,
                    Map.of(kafkaPort, "Kafka (in-process)"), folder);
        } finally {
            FileSystemUtils.deleteRecursively(folder);
        }
    }

    /** The bare route on the same Kafka and PostgreSQL: records/s from the first send to the last commit. */
    private static double bareRoute(ProductionServices services, String bootstrap) throws Exception {
        try (Connection c = services.postgres.superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bench");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // on a loaded machine the broker may not know the topics the suite just made for a while
            int partitions = await("the grid topic's partitions").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                    .until(() -> admin.describeTopics(List.of(GridEvents.TOPIC)).allTopicNames().get().get(GridEvents.TOPIC)
                            .partitions().size(), n -> n > 0);
            admin.createTopics(List.of(new NewTopic(BARE_TOPIC, partitions, (short) 1))).all().get();
        }
        Connection database = DriverManager.getConnection(services.postgres.url("bench") + "?reWriteBatchedInserts=true",
                "postgres", PostgresCluster.SUPERUSER_PASSWORD);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (BareRoute route = BareRoute.start(bootstrap, BARE_TOPIC, database);
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            // one record first: the consumer has joined its group and found its partitions before the clock starts
            await("the bare topic takes a record").atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() ->
                    producer.send(new ProducerRecord<>(BARE_TOPIC, "warm-up", burst.get(0).bytes())).get() != null);
            await("the bare route's first record").atMost(Duration.ofMinutes(2)).until(() -> route.stored() >= 1);
            long warmUp = route.stored();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            send(producer, BARE_TOPIC, burst);
            await("the bare route stores every record").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> route.stored() - warmUp >= EVENTS);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = EVENTS / seconds;
            System.out.printf("%n--- bare Camel route: Kafka batch consumer (500) → batched JDBC insert of the raw record"
                    + " (PostgreSQL, reWriteBatchedInserts), offsets committed after ---%n");
            System.out.printf("  %,d records in %.1f s: %,.0f records/s; CPU of the benchmark JVM (route and producer)"
                    + " %.1f s = %.2f cores%n", EVENTS, seconds, rate, (os.getProcessCpuTime() - cpu) / 1e9,
                    (os.getProcessCpuTime() - cpu) / 1e9 / seconds);
            return rate;
        }
    }

    /** The burst (records/s through each stage, CPU, heap, steps, hot spots), then the latency at a steady rate. */
    private static void measure(String label, HubProcess hub, HubProbe probe, String bootstrap, Map<Integer, String> ports,
                                Path folder) throws Exception {
        System.out.printf("%n--- casehub, %s ---%n", label);
        try (FeedWatch feed = FeedWatch.start(bootstrap);
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            String warmUp = GridEvents.newEventId();
            producer.send(new ProducerRecord<>(GridEvents.TOPIC, warmUp,
                    GridEvents.event(warmUp, 1, "HJ-ZS").getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
            await("the hub's first record on the feed").atMost(Duration.ofMinutes(3))
                    .until(() -> feed.arrival(warmUp) != null);

            Map<String, Double> before = scrape(hub);
            Map<String, HubProbe.Step> stepsBefore = probe.steps();
            long cpu = probe.cpuNanos();
            probe.resetPeakHeap();
            probe.startRecording();
            probe.startSampling("KafkaConsumer[" + GridEvents.TOPIC + "]", 20);
            long start = System.nanoTime();
            send(producer, GridEvents.TOPIC, burst);
            double sent = seconds(start);
            List<String> ids = burst.stream().map(Event::id).toList();
            long[] indexedAt = {0};
            // each scrape costs the hub (Micrometer renders every meter): once a second
            await("every record indexed").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                if (outcomes(scrape(hub), before).values().stream().mapToDouble(Double::doubleValue).sum() >= EVENTS) {
                    indexedAt[0] = System.nanoTime();
                    return true;
                }
                return false;
            });
            Map<String, Double> pipeline = probe.stopSampling();
            long pipelineSamples = probe.wallSamples();
            await("every record on the feed").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                    .until(() -> feed.seen(ids) == EVENTS);
            long lastOnFeed = ids.stream().mapToLong(feed::arrival).max().orElseThrow();
            await("every outbox row published").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> pending(scrape(hub), "kafka") == 0 && pending(scrape(hub), "artemis") == 0);
            long units = System.nanoTime();
            long hubCpu = probe.cpuNanos() - cpu;
            long peakHeap = probe.peakHeapBytes();
            Map<String, HubProbe.Step> steps = probe.steps();
            Path recording = folder.resolve("burst.jfr");
            probe.stopRecording(recording);
            Map<String, Double> after = scrape(hub);

            double wall = (units - start) / 1e9;
            double feedRate = EVENTS / ((lastOnFeed - start) / 1e9);
            System.out.printf("  burst of %,d records sent in %.1f s; outcomes %s%n", EVENTS, sent, outcomes(after, before));
            System.out.printf("  indexed        %8.1f s  %,8.0f records/s (a metrics scrape a second)%n",
                    (indexedAt[0] - start) / 1e9, EVENTS / ((indexedAt[0] - start) / 1e9));
            System.out.printf("  on the feed    %8.1f s  %,8.0f records/s (last record's first event read)%n",
                    (lastOnFeed - start) / 1e9, feedRate);
            System.out.printf("  units' queues  %8.1f s  %,8.0f records/s (outbox empty; scraped, refreshed every 2 s)%n",
                    wall, EVENTS / wall);
            if (bareRate != null) {
                System.out.printf("  ratio to the bare route (feed): %.3f  (%,.0f / %,.0f records/s)%n", feedRate / bareRate,
                        feedRate, bareRate);
            }
            System.out.printf("  hub CPU        %.1f s = %.2f of %d cores (%.0f%% of the machine), %.2f ms per record%n",
                    hubCpu / 1e9, hubCpu / 1e9 / wall, Runtime.getRuntime().availableProcessors(),
                    100 * hubCpu / 1e9 / wall / Runtime.getRuntime().availableProcessors(), hubCpu / 1e6 / EVENTS);
            System.out.printf("  hub peak heap  %.0f MiB (-Xmx1g; sum of the heap pools' peaks)%n", peakHeap / 1048576.0);
            printSteps(stepsBefore, steps, wall);
            System.out.printf("  the grid consumer thread (it runs each batch's whole pipeline) until the last record was"
                    + " indexed, %,d stack samples: running, in native code (a socket read: waiting for an answer) or"
                    + " waiting/parked, at the innermost casehub frame:%n", pipelineSamples);
            pipeline.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf("    %5.1f%%  %s%n", 100 * e.getValue(), e.getKey()));
            FlightSummary.of(recording).print(ports);
            Files.deleteIfExists(recording);

            steadyRate(hub, probe, feed, producer);
        }
    }

    /** {@link #STEADY_SECONDS} at {@link #RATE} records/s: send → first event on the feed, per record. */
    private static void steadyRate(HubProcess hub, HubProbe probe, FeedWatch feed, KafkaProducer<String, byte[]> producer)
            throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long cpu = probe.cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < steady.size(); i++) {
            long due = start + (long) (i * 1e9 / RATE);
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            Event event = steady.get(i);
            sentAt.put(event.id(), System.nanoTime());
            producer.send(new ProducerRecord<>(GridEvents.TOPIC, event.id(), event.bytes()));
        }
        producer.flush();
        double sending = seconds(start);
        List<String> ids = steady.stream().map(Event::id).toList();
        await("every steady record on the feed").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> feed.seen(ids) == ids.size());
        double wall = seconds(start);
        long[] latencies = ids.stream().mapToLong(id -> feed.arrival(id) - sentAt.get(id)).sorted().toArray();
        System.out.printf("  steady %,d records/s for %d s (sent in %.1f s, all on the feed after %.1f s): ingest→feed"
                + " p50 %.0f ms, p99 %.0f ms, max %.0f ms; hub CPU %.2f cores%n", RATE, STEADY_SECONDS, sending, wall,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
                (probe.cpuNanos() - cpu) / 1e9 / wall);
    }

    /** Camel's time per step of the hub's pipeline routes during the burst, in route order. */
    private static void printSteps(Map<String, HubProbe.Step> before, Map<String, HubProbe.Step> after, double wall) {
        System.out.printf("  time per step (Camel's processor statistics; a step's time includes the steps inside it;"
                + " %% of the burst's %.1f s):%n", wall);
        after.entrySet().stream()
                .filter(e -> HUB_ROUTES.contains(e.getValue().route()))
                .map(e -> e.getValue().minus(before.get(e.getKey())))
                .filter(step -> step.exchanges() > 0)
                .sorted(Comparator.comparingInt((HubProbe.Step s) -> HUB_ROUTES.indexOf(s.route()))
                        .thenComparingInt(HubProbe.Step::index))
                .forEach(step -> System.out.printf("    %-20s %-44s %9d × %8.3f ms = %8.1f s  %5.1f%%%n", step.route(),
                        step.name(), step.exchanges(), (double) step.totalMillis() / step.exchanges(),
                        step.totalMillis() / 1e3, 100 * step.totalMillis() / 1e3 / wall));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, List<Event> events) {
        for (Event event : events) {
            producer.send(new ProducerRecord<>(topic, event.id(), event.bytes()));
        }
        producer.flush();
    }

    /** The hub's Prometheus scrape, as name{labels} → value. */
    private static Map<String, Double> scrape(HubProcess hub) throws Exception {
        Map<String, Double> values = new HashMap<>();
        for (String line : hub.get("/actuator/prometheus", null, Duration.ofSeconds(10)).body().split("\n")) {
            if (line.startsWith("casehub_")) {
                int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    /** The grid feed's records stored since {@code before}, by the index's outcome. */
    private static Map<String, Double> outcomes(Map<String, Double> now, Map<String, Double> before) {
        Map<String, Double> outcomes = new TreeMap<>();
        Matcher outcome = Pattern.compile("outcome=\"([^\"]+)\"").matcher("");
        now.forEach((name, value) -> {
            if (name.startsWith("casehub_feed_records_total{") && name.contains("feed=\"public-safety\"")
                    && outcome.reset(name).find()) {
                outcomes.merge(outcome.group(1), value - before.getOrDefault(name, 0.0), Double::sum);
            }
        });
        return outcomes;
    }

    private static double pending(Map<String, Double> scrape, String channel) {
        return scrape.entrySet().stream().filter(e -> e.getKey().startsWith("casehub_outbox_pending{")
                && e.getKey().contains("channel=\"" + channel + "\"")).mapToDouble(Map.Entry::getValue).sum();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int port(String address) {
        Matcher m = PORT.matcher(address);
        if (!m.find()) {
            throw new IllegalArgumentException("no port in " + address);
        }
        return Integer.parseInt(m.group(1));
    }
}
