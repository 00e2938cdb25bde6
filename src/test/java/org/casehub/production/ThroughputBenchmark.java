package org.casehub.production;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

import com.fasterxml.jackson.databind.JsonNode;
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
import org.casehub.dedup.DedupProperties;
import org.casehub.dedup.DuplicateRule;
import org.casehub.dedup.MatterVocabulary;
import org.casehub.embedded.FreePorts;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.NetworkProperties;
import org.casehub.security.TestClients;
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
 * heap, Camel's time per route step, a flight recording's hot spots, and the ingest→feed latency at a steady rate (the
 * target's, then half the last burst's: one the machine carries). The production half ends with the transports' floor:
 * the hub's unit messages delivered again by a bare sender ({@link BareUnitDelivery}) beside the bare route's ingest,
 * the most records/s this machine carries before any of the hub's own work.
 * <p>
 * Run with {@code mvn -Pbench -DskipTests -Dexec.skip verify} (README, benchmarks); never part of {@code mvn verify}.
 * Figures, not assertions: it fails only when the hub does not get through the records.
 */
@Tag("bench")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThroughputBenchmark {

    private static final int EVENTS = Integer.getInteger("casehub.bench.events", 10_000);
    /**
     * Distinct events through each side before its measured burst, until all are stored (and, for the hub, on the feed
     * and the units' queues). Default 20,000: C2 compiles a method after ~10,000 calls, but measured here (2 cores
     * shared) a burst after 10,000 records still spent 117 s compiling over its 240 s, the next one (after 20,000)
     * 26.7 s of 418 s — a hub that has run for a while, not one in its first minutes; each burst prints its JIT time.
     */
    private static final int WARMUP = Integer.getInteger("casehub.bench.warmup", 20_000);
    /**
     * Whether the measured bursts are also profiled: a flight recording ("profile" settings) and the consumer thread's
     * stack sampled every 20 ms over JMX. They cost the hub CPU of their own (the JFR sampler and the RMI threads): off,
     * the CPU figures are the hub's alone.
     */
    private static final boolean PROFILE = Boolean.parseBoolean(System.getProperty("casehub.bench.profile", "true"));
    /**
     * Options for the hub's JVM besides {@code -Xmx1g} (space-separated, both halves): JVM settings to compare, e.g.
     * the JIT's. Default none, as README's start commands.
     */
    private static final List<String> HUB_JVM = java.util.Arrays.stream(System.getProperty("casehub.bench.hub-jvm", "")
            .split(" ")).filter(v -> !v.isBlank()).toList();
    /**
     * Production profile: the index sizes (cases) to measure a burst at, in rising order; before each burst the
     * index is filled up to it ({@link IndexFill}). Default one burst on the index the warm-up left.
     */
    private static final List<Long> INDEX_SIZES = java.util.Arrays.stream(System.getProperty("casehub.bench.index-sizes", "0")
            .split(",")).map(String::trim).filter(v -> !v.isEmpty()).map(Long::valueOf).sorted().toList();
    /**
     * Production profile: the days the filled cases are spread over, ending with the benchmark's events. Default 365,
     * a year: a million cases are then ~2,700 a day, several times the benchmark's own (its events span 120 days: a
     * warm-up of 60,000 leaves ~400 cases a day, the bursts ~500), and the curve measures a denser traffic as much as
     * a larger index. 2,100 (~6 years) fills a million at the benchmark's own rate: the index grows as a city's does,
     * its traffic the same.
     */
    private static final int FILL_DAYS = Integer.getInteger("casehub.bench.fill-days", 365);
    /**
     * Production profile: the measured bursts at each index size, one after the other. The first after a fill meets
     * cases nobody has read yet — their pages outside PostgreSQL's buffers, their profiles not kept, the code that reads
     * them not yet compiled — as no hub that wrote its own index does; the next ones meet an index the hub has read
     * from. Default 2: both are printed, in the curve too.
     */
    private static final int BURSTS_PER_SIZE = Integer.getInteger("casehub.bench.bursts-per-size", 2);
    /**
     * Production profile: whether the units' systems read their queues during the run ({@link UnitReaders}), as in a
     * deployment; false leaves every message on the broker, whose busiest addresses then page to disk.
     */
    private static final boolean UNITS_READ = Boolean.parseBoolean(System.getProperty("casehub.bench.units-read", "true"));
    private static final int RATE = Integer.getInteger("casehub.bench.rate", 1_000);
    private static final int STEADY_SECONDS = Integer.getInteger("casehub.bench.steady-seconds", 10);
    private static final Duration PATIENCE = Duration.ofMinutes(Integer.getInteger("casehub.bench.patience-minutes", 20));
    private static final String BARE_TOPIC = "bench.grid-events.bare";
    private static final List<String> HUB_ROUTES = List.of("feed-public-safety", "normalize-and-store",
            "publish-unified-feed", "deliver-to-units");
    private static final Pattern PORT = Pattern.compile(":(\\d+)(/|$)");
    private static final String ARTEMIS = "Artemis broker JVM";
    private static final String GRID_FEED = "public-safety";
    /** reads the answers of /actuator/metrics, polled once a second: made once, not at every poll */
    private static final ObjectMapper METRICS_JSON = new ObjectMapper();

    /** A generated grid event: its id and its bytes as the platform sends them. */
    private record Event(String id, byte[] bytes) {
    }

    /** What one burst through the hub did, for the index-size curve. */
    private record Figures(long indexSize, int round, double feedRate, double unitsRate, double cpuMsPerRecord,
                           double storeMsPerBatch, double machineMsPerRecord, double messagesPerRecord) {
    }

    private static List<Event> warmUp;
    /** {@link #BURSTS_PER_SIZE} measured bursts per index size (the embedded default uses the first) */
    private static List<List<Event>> bursts;
    private static List<Event> steady;
    private static List<String> communities;
    private static Double bareRate;
    /** the whole machine's CPU per record while the bare route stored its burst, in ms */
    private static double bareMachineMs;

    @BeforeAll
    static void generate() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        CasehubHome home = new CasehubHome(new HomeProperties("."));
        DivisionDirectory divisions = new DivisionDirectory(home, new NetworkProperties("config/network/divisions-44.csv"));
        DedupDataSet data = new DedupDataSet(json, divisions, 18, Integer.MAX_VALUE);
        int measured = INDEX_SIZES.size() * BURSTS_PER_SIZE;
        // two steady stretches: at RATE, then at half the last burst's rate (at most RATE)
        int wanted = WARMUP + EVENTS * measured + 2 * RATE * STEADY_SECONDS;
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
        warmUp = grid.subList(0, WARMUP);
        bursts = new ArrayList<>();
        for (int i = 0; i < measured; i++) {
            bursts.add(grid.subList(WARMUP + i * EVENTS, WARMUP + (i + 1) * EVENTS));
        }
        steady = grid.subList(wanted - 2 * RATE * STEADY_SECONDS, wanted);
        communities = divisions.codesUnder("4403", 12);
        System.out.printf("%n=== casehub throughput benchmark (%d cores, JDK %s): a warm-up of %,d grid events, then"
                + " bursts of %,d in %,d communities (index sizes %s on the production profile, filled over %,d days, %d bursts at"
                + " each), then %d s at %,d/s ===%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), WARMUP, EVENTS, communities.size(), INDEX_SIZES, FILL_DAYS,
                BURSTS_PER_SIZE, STEADY_SECONDS, RATE);
    }

    @Test
    @Order(1)
    void productionProfileAgainstABareCamelRoute() throws Exception {
        try (ProductionServices services = UNITS_READ ? ProductionServices.start(UnitReaders.security(), UnitReaders.users(), true)
                : ProductionServices.start("", new String[] {"", ""}, true)) {
            String bootstrap = services.kafka.bootstrap();
            Map<Integer, String> ports = Map.of(port(services.postgres.url("x")), "PostgreSQL", port(bootstrap), "Kafka",
                    port(services.artemis.url()), "Artemis");
            Map<String, Long> processes = new java.util.LinkedHashMap<>();
            processes.put("PostgreSQL (postmaster and its server processes)", services.postgres.pid());
            processes.put("Kafka broker JVM", services.kafka.pid());
            processes.put(ARTEMIS, services.artemis.pid());

            bareRate = bareRoute(services, bootstrap);

            HubProbe probe = HubProbe.onFreePort();
            List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
            jvm.addAll(HUB_JVM);
            jvm.addAll(probe.jvmOptions());
            try (HubProcess hub = HubProcess.start("bench-hub", services.folder, services.hubEnvironment(false), jvm,
                    List.of("--spring.profiles.active=production")).awaitReady(); HubProbe connected = probe.connect();
                 Connection index = services.index();
                 UnitReaders readers = UNITS_READ ? UnitReaders.start(services.artemis.url(), ArtemisBroker.HUB_USER,
                         ArtemisBroker.HUB_PASSWORD) : null) {
                System.out.printf("%n  the units' systems: %s%n", readers == null
                        ? "none read their queues (-Dcasehub.bench.units-read=false): the busiest addresses page to disk"
                        : readers.describe());
                IndexFill fill = new IndexFill(index, rule(), json(), communities,
                        DedupDataSet.END.atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant(), FILL_DAYS);
                List<Figures> curve = measure("production profile (PostgreSQL 15 with fsync, Kafka and Artemis in their own"
                        + " JVMs)", hub, connected, bootstrap, ports, processes, services.folder, fill, StatementReport.on(index),
                        readers);
                if (readers != null) {
                    transportsFloor(hub, index, services.artemis.url(), readers, services.artemis.pid(),
                            services.folder, curve.get(curve.size() - 1));
                }
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
        jvm.addAll(HUB_JVM);
        jvm.addAll(probe.jvmOptions());
        // the suite's API clients, as on the production profile: the bursts poll /actuator/metrics as an operator
        Map<String, String> env = Map.of("CASEHUB_ACCESS_EXTRA_CLIENT_FILES",
                "file:" + Path.of("src/test/resources/test-clients.yaml").toAbsolutePath());
        try (HubProcess hub = HubProcess.start("bench-hub-h2", folder, env, jvm, List.of(
                "--casehub.embedded.data-directory=" + folder.resolve("data"), "--casehub.embedded.kafka.port=" + kafkaPort,
                "--casehub.embedded.artemis.port=" + artemisPort)).awaitReady(); HubProbe connected = probe.connect()) {
            bareRate = null;
            measure("embedded default (H2 file, in-process Kafka and Artemis)", hub, connected, "localhost:" + kafkaPort,
                    Map.of(kafkaPort, "Kafka (in-process)"), Map.of(), folder, null, null, null);
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
                    producer.send(new ProducerRecord<>(BARE_TOPIC, "warm-up", warmUp.get(0).bytes())).get() != null);
            await("the bare route's first record").atMost(Duration.ofMinutes(2)).until(() -> route.stored() >= 1);
            System.out.printf("%n--- bare Camel route: Kafka batch consumer (500) → batched JDBC insert of the raw record"
                    + " (PostgreSQL, reWriteBatchedInserts), offsets committed after ---%n");
            // the same warm-up as the hub's: as many distinct records, all stored before the clock starts
            long warmStart = System.nanoTime();
            send(producer, BARE_TOPIC, warmUp);
            await("the bare route stores the warm-up").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> route.stored() >= 1 + WARMUP);
            System.out.printf("  warm-up: %,d records in %.1f s: %,.0f records/s%n", WARMUP, seconds(warmStart),
                    WARMUP / seconds(warmStart));
            long stored = route.stored();
            long cpu = os.getProcessCpuTime();
            long postgres = ProcessCpu.ofTree(services.postgres.pid());
            long kafka = ProcessCpu.ofTree(services.kafka.pid());
            long machine = ProcessCpu.machineBusy();
            long start = System.nanoTime();
            send(producer, BARE_TOPIC, bursts.get(0));
            await("the bare route stores every record").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> route.stored() - stored >= EVENTS);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = EVENTS / seconds;
            bareMachineMs = (ProcessCpu.machineBusy() - machine) / 1e6 / EVENTS;
            System.out.printf("  %,d records in %.1f s: %,.0f records/s; CPU of the benchmark JVM (route and producer)"
                    + " %.1f s = %.2f cores%n", EVENTS, seconds, rate, (os.getProcessCpuTime() - cpu) / 1e9,
                    (os.getProcessCpuTime() - cpu) / 1e9 / seconds);
            System.out.printf("  CPU ms per record: PostgreSQL %.3f, Kafka broker JVM %.3f, benchmark JVM %.3f, machine %.3f%n",
                    (ProcessCpu.ofTree(services.postgres.pid()) - postgres) / 1e6 / EVENTS,
                    (ProcessCpu.ofTree(services.kafka.pid()) - kafka) / 1e6 / EVENTS,
                    (os.getProcessCpuTime() - cpu) / 1e6 / EVENTS, bareMachineMs);
            return rate;
        }
    }

    /**
     * The warm-up, then a measured burst (records/s through each stage, CPU by thread group and by process, heap,
     * steps, hot spots) at each index size — the index filled up to it before, when {@code fill} is given (production
     * profile) — then the latency at a steady rate. {@code statements} (production profile) also prints PostgreSQL's
     * time per statement in each measured burst. Returns the measured bursts' figures.
     */
    private static List<Figures> measure(String label, HubProcess hub, HubProbe probe, String bootstrap,
                                         Map<Integer, String> ports, Map<String, Long> processes, Path folder,
                                         IndexFill fill, StatementReport statements, UnitReaders readers) throws Exception {
        System.out.printf("%n--- casehub, %s ---%n", label);
        try (FeedWatch feed = FeedWatch.start(bootstrap);
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            String first = GridEvents.newEventId();
            producer.send(new ProducerRecord<>(GridEvents.TOPIC, first,
                    GridEvents.event(first, 1, "HJ-ZS").getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
            await("the hub's first record on the feed").atMost(Duration.ofMinutes(3))
                    .until(() -> feed.arrival(first) != null);
            burst("warm-up (not measured: the JIT compiles, pools and caches fill)", warmUp, 0, 0, hub, probe, feed, producer,
                    ports, processes, folder, null);
            List<Figures> curve = new ArrayList<>();
            int rounds = fill == null ? 1 : BURSTS_PER_SIZE;
            for (int i = 0; i < (fill == null ? 1 : INDEX_SIZES.size()); i++) {
                if (fill != null) {
                    fill.growTo(INDEX_SIZES.get(i));
                }
                for (int round = 1; round <= rounds; round++) {
                    long cases = indexedCases(hub, fill);
                    curve.add(burst(String.format("measured burst %d of %d, %,d cases in the index", round, rounds, cases),
                            bursts.get(i * rounds + round - 1), cases, round, hub, probe, feed, producer, ports, processes,
                            folder, new Measured(statements, processes.get(ARTEMIS), readers)));
                }
            }
            if (curve.size() > 1) {
                System.out.printf("%n  the index-size curve (each burst %,d new events after a warm-up of %,d; burst 1 after"
                        + " a fill meets cases nobody has read yet):%n", EVENTS, WARMUP);
                System.out.printf("    %12s  %5s  %12s  %14s  %16s  %16s%n", "cases", "burst", "feed rec/s", "units rec/s",
                        "hub CPU ms/rec", "store ms/batch");
                curve.forEach(f -> System.out.printf("    %,12d  %5d  %,12.0f  %,14.0f  %16.2f  %16.0f%n", f.indexSize(),
                        f.round(), f.feedRate(), f.unitsRate(), f.cpuMsPerRecord(), f.storeMsPerBatch()));
            }
            steadyRate(RATE, steady.subList(0, RATE * STEADY_SECONDS), hub, probe, feed, producer);
            // the latency where the machine carries the load: at RATE it may not, and the latency is then a backlog's
            int carried = (int) Math.min(RATE, Math.round(curve.get(curve.size() - 1).feedRate() / 2));
            steadyRate(carried, steady.subList(RATE * STEADY_SECONDS, RATE * STEADY_SECONDS + carried * STEADY_SECONDS),
                    hub, probe, feed, producer);
            return curve;
        }
    }

    /**
     * Artemis' ceiling for the hub's unit messages ({@link BareUnitDelivery}, on the same broker, the units' systems
     * reading), and what the transports the design asks for cost per record together — the bare route's ingest
     * (Kafka → one PostgreSQL row) and the hub's messages per record delivered bare —: the most records/s this machine
     * could carry before any of the hub's own work (decode, map, dedup, index, feed).
     */
    private static void transportsFloor(HubProcess hub, Connection index, String artemisUrl, UnitReaders readers,
                                        long brokerPid, Path folder, Figures last) throws Exception {
        // the steady stretches end when the feed has their records: the units' relay may still be delivering them
        awaitOutboxDrained(hub);
        List<BareUnitDelivery.Event> events = BareUnitDelivery.lastUnitEvents(index, EVENTS, readers);
        List<BareUnitDelivery.Event> chains = BareUnitDelivery.chains(events);
        readers.readRouted(chains.stream().flatMap(e -> e.units().stream()).toList());
        System.out.printf("%n--- bare unit delivery: the hub's last %,d unit events sent again by a bare JMS sender on the"
                + " same broker (persistent, _AMQ_DUPL_ID set anew, transactions of the hub's size, no send waiting), the"
                + " units' systems reading; other shapes of the same deliveries beside it ---%n", events.size());
        // the broker's passes grow cheaper one after the other (its first after the hub's bursts costs it a quarter
        // more per delivery than the next): a warm-up pass goes first, and the shapes run in an ABBA order, so that a
        // steady drift weighs alike on each shape's mean
        printShape("a warm-up pass, as the hub sends them", BareUnitDelivery.run(events, BareUnitDelivery.Shape.EACH_UNIT,
                artemisUrl, ArtemisBroker.HUB_USER, ArtemisBroker.HUB_PASSWORD, readers, brokerPid, PATIENCE));
        BrokerRecording broker = PROFILE ? BrokerRecording.start(brokerPid, folder) : null;
        List<Shape> shapes = List.of(
                new Shape("as the hub sends them", events, BareUnitDelivery.Shape.EACH_UNIT, false),
                new Shape("without _AMQ_DUPL_ID", events, BareUnitDelivery.Shape.EACH_UNIT_UNCHECKED, false),
                new Shape(String.format("the %,d events whose units are one division and those above it, as the hub sends"
                        + " them", chains.size()), chains, BareUnitDelivery.Shape.EACH_UNIT, false),
                new Shape("the same events, one send each routed by the broker to their units' queues", chains,
                        BareUnitDelivery.Shape.ROUTED, true));
        List<Integer> order = List.of(0, 1, 2, 3, 3, 2, 1, 0);
        List<List<BareUnitDelivery.Figures>> passes = shapes.stream()
                .<List<BareUnitDelivery.Figures>>map(shape -> new ArrayList<>()).toList();
        for (int i : order) {
            Shape shape = shapes.get(i);
            BareUnitDelivery.Figures figures = BareUnitDelivery.run(shape.events(), shape.shape(), artemisUrl,
                    shape.readersOwn() ? UnitReaders.USER : ArtemisBroker.HUB_USER,
                    shape.readersOwn() ? UnitReaders.PASSWORD : ArtemisBroker.HUB_PASSWORD, readers, brokerPid, PATIENCE);
            printShape(shape.label(), figures);
            if (broker != null) {
                System.out.printf("%n  the Artemis broker's flight recording over that pass:%n");
                broker.printSummary("org.apache.activemq.", "Artemis");
                broker = null;
            }
            passes.get(i).add(figures);
        }
        double[] brokerMs = passes.stream().mapToDouble(p -> mean(p, BareUnitDelivery.Figures::brokerMs)).toArray();
        double[] machineMs = passes.stream().mapToDouble(p -> mean(p, BareUnitDelivery.Figures::machineMs)).toArray();
        System.out.printf("  means of each shape's two passes, CPU ms per delivery (Artemis / machine): as the hub sends"
                + " them %.3f / %.3f; without _AMQ_DUPL_ID %.3f / %.3f — the duplicate check is %.0f%% of Artemis' CPU per"
                + " delivery, which keeps a resend after a crash between the broker's commit and the outbox's update from"
                + " reaching a unit twice; the division chains as the hub sends them %.3f / %.3f, one routed send each"
                + " %.3f / %.3f — %+.0f%% of Artemis' CPU, %+.0f%% of the machine's (queues on wildcard addresses of the"
                + " division tree: a measurement, not DESIGN's unit addresses)%n", brokerMs[0], machineMs[0], brokerMs[1],
                machineMs[1], 100 * (1 - brokerMs[1] / brokerMs[0]), brokerMs[2], machineMs[2], brokerMs[3], machineMs[3],
                100 * (brokerMs[3] / brokerMs[2] - 1), 100 * (machineMs[3] / machineMs[2] - 1));
        int cores = Runtime.getRuntime().availableProcessors();
        double floor = bareMachineMs + last.messagesPerRecord() * machineMs[0];
        System.out.printf("  the transports' floor per record: ingest %.3f ms (the bare route's machine CPU) + %.1f unit"
                + " messages (the hub's last burst) × %.3f ms (as the hub sends them) = %.2f ms of machine CPU: at most"
                + " %,.0f records/s on %d cores before any of the hub's own work; the hub's last burst used %.2f ms per"
                + " record (%,.0f records/s to the feed, %.0f%% of that ceiling)%n", bareMachineMs,
                last.messagesPerRecord(), machineMs[0], floor, cores * 1000 / floor, cores, last.machineMsPerRecord(),
                last.feedRate(), 100 * last.feedRate() / (cores * 1000 / floor));
    }

    /** A shape of the bare delivery, measured twice: its label, its events, how they are sent and as whom. */
    private record Shape(String label, List<BareUnitDelivery.Event> events, BareUnitDelivery.Shape shape,
                         boolean readersOwn) {
    }

    private static double mean(List<BareUnitDelivery.Figures> passes,
                               java.util.function.ToDoubleFunction<BareUnitDelivery.Figures> figure) {
        return passes.stream().mapToDouble(figure).average().orElseThrow();
    }

    private static void printShape(String shape, BareUnitDelivery.Figures figures) {
        System.out.printf("  %s: %,d messages, %,d deliveries taken in %.1f s: %,.0f deliveries/s; CPU ms per delivery:"
                + " Artemis %.3f, benchmark JVM (sender and readers) %.3f, machine %.3f; the hub delivered %,d messages of"
                + " its own meanwhile%n", shape, figures.messages(), figures.deliveries(), figures.seconds(),
                figures.deliveriesPerSecond(), figures.brokerMs(), figures.senderMs(), figures.machineMs(),
                figures.hubMessages());
    }

    /** The cases in the index: the filled ones plus what the hub indexed itself (its metrics' created outcomes). */
    private static long indexedCases(HubProcess hub, IndexFill fill) throws Exception {
        return (fill == null ? 0 : fill.filled()) + Math.round(outcomes(scrape(hub), Map.of()).getOrDefault("created", 0.0));
    }

    /**
     * What a measured burst prints beyond the warm-up's figures: PostgreSQL's statements, the messages the units' systems
     * took and, profiled, a flight recording of the Artemis broker's JVM, when the run has them (the production profile).
     */
    private record Measured(StatementReport statements, Long brokerPid, UnitReaders readers) {
    }

    /**
     * One burst: every event sent at once, timed until indexed, on the feed and on the units' queues, with CPU by thread
     * group and by process and the peak heap; a {@code measured} one also with Camel's steps, PostgreSQL's statements
     * and, with {@link #PROFILE}, the consumer thread's profile and a flight recording.
     */
    private static Figures burst(String label, List<Event> events, long indexSize, int round, HubProcess hub, HubProbe probe,
                                 FeedWatch feed, KafkaProducer<String, byte[]> producer, Map<Integer, String> ports,
                                 Map<String, Long> processes, Path folder, Measured measured) throws Exception {
        boolean detailed = measured != null;
        StatementReport statements = detailed ? measured.statements() : null;
        int count = events.size();
        System.out.printf("%n  %s%n", label);
        long scraping = System.nanoTime();
        Map<String, Double> before = scrape(hub);
        System.out.printf("  (a metrics scrape took %.1f s)%n", seconds(scraping));
        Map<String, HubProbe.Step> stepsBefore = probe.steps();
        CpuReport.Snapshot cpuBefore = CpuReport.Snapshot.take(probe, processes);
        probe.resetPeakHeap();
        if (statements != null) {
            statements.reset();
        }
        UnitReaders readers = detailed ? measured.readers() : null;
        long takenBefore = readers == null ? 0 : readers.taken();
        boolean profiled = detailed && PROFILE;
        BrokerRecording broker = null;
        if (profiled) {
            probe.startRecording();
            probe.startSampling("KafkaConsumer[" + GridEvents.TOPIC + "]", 20);
            if (measured.brokerPid() != null) {
                broker = BrokerRecording.start(measured.brokerPid(), folder);
            }
        }
        long start = System.nanoTime();
        send(producer, GridEvents.TOPIC, events);
        double sent = seconds(start);
        List<String> ids = events.stream().map(Event::id).toList();
        long[] indexedAt = {0};
        // the one meter asked once a second (see metric): the records stored since the scrape before the send
        double storedBefore = outcomes(before, Map.of()).values().stream().mapToDouble(Double::doubleValue).sum();
        await("every record indexed").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            probe.sampleHeap();
            if (metric(hub, "casehub.feed.records", "feed:" + GRID_FEED) - storedBefore >= count) {
                indexedAt[0] = System.nanoTime();
                return true;
            }
            return false;
        });
        Map<String, Double> pipeline = profiled ? probe.stopSampling() : Map.of();
        long pipelineSamples = probe.wallSamples();
        await("every record on the feed").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> feed.seen(ids) == count);
        long lastOnFeed = ids.stream().mapToLong(feed::arrival).max().orElseThrow();
        // the pipeline's CPU: until the feed has every record (the units' relay runs on, with the deadline reminders
        // of every case past its deadline: the benchmark's events are months old)
        CpuReport.Snapshot cpuAtFeed = CpuReport.Snapshot.take(probe, processes);
        double onFeed = seconds(start);
        awaitOutboxDrained(hub);
        long units = System.nanoTime();
        long taken = readers == null ? 0 : readers.taken() - takenBefore;
        CpuReport.Snapshot cpuAfter = CpuReport.Snapshot.take(probe, processes);
        long peakHeap = probe.peakHeapBytes();
        long sampledHeap = probe.sampledHeapPeakBytes();
        long liveHeap = probe.heapAfterCollectionsBytes();
        Map<String, HubProbe.Step> steps = probe.steps();
        Path recording = folder.resolve("burst.jfr");
        if (profiled) {
            probe.stopRecording(recording);
        }
        Map<String, Double> after = scrape(hub);

        double wall = (units - start) / 1e9;
        double feedRate = count / ((lastOnFeed - start) / 1e9);
        long hubCpu = cpuAtFeed.hub().processNanos() - cpuBefore.hub().processNanos();
        long hubCpuToUnits = cpuAfter.hub().processNanos() - cpuBefore.hub().processNanos();
        System.out.printf("  %,d records sent in %.1f s; outcomes %s%n", count, sent, outcomes(after, before));
        System.out.printf("  indexed        %8.1f s  %,8.0f records/s (a metrics scrape a second)%n",
                (indexedAt[0] - start) / 1e9, count / ((indexedAt[0] - start) / 1e9));
        System.out.printf("  on the feed    %8.1f s  %,8.0f records/s (last record's first event read)%n",
                (lastOnFeed - start) / 1e9, feedRate);
        System.out.printf("  units' queues  %8.1f s  %,8.0f records/s (outbox empty; scraped, refreshed every 2 s)%n",
                wall, count / wall);
        if (readers != null) {
            System.out.printf("  the units' systems took %,d messages by then (%.1f per record)%n", taken, (double) taken / count);
        }
        if (bareRate != null && detailed) {
            System.out.printf("  ratio to the bare route (feed): %.3f  (%,.0f / %,.0f records/s)%n", feedRate / bareRate,
                    feedRate, bareRate);
        }
        System.out.printf("  hub CPU        %.1f s = %.2f of %d cores (%.0f%% of the machine), %.2f ms per record, until"
                + " the feed had every record; %.2f ms per record until the units' queues were current%n",
                hubCpu / 1e9, hubCpu / 1e9 / onFeed, Runtime.getRuntime().availableProcessors(),
                100 * hubCpu / 1e9 / onFeed / Runtime.getRuntime().availableProcessors(), hubCpu / 1e6 / count,
                hubCpuToUnits / 1e6 / count);
        System.out.printf("  hub heap       peak in use %.0f MiB (read once a second until indexed), %.0f MiB after the"
                + " last collections (live data); -Xmx1g; the pools' peaks summed %.0f MiB (an upper bound)%n",
                sampledHeap / 1048576.0, liveHeap / 1048576.0, peakHeap / 1048576.0);
        double storeMs = storePerBatch(stepsBefore, steps);
        System.out.printf("  store per batch %.0f ms (IndexStore.store, Camel's statistics)%n", storeMs);
        System.out.printf("  CPU until the feed had every record (%.1f s):%n", onFeed);
        CpuReport.print(cpuBefore, cpuAtFeed, count, onFeed);
        CpuReport.printTotals(String.format("until the units' queues were current (%.1f s)", wall), cpuBefore, cpuAfter, count);
        Figures figures = new Figures(indexSize, round, feedRate, count / wall, hubCpu / 1e6 / count, storeMs,
                (cpuAfter.machine() - cpuBefore.machine()) / 1e6 / count, (double) taken / count);
        if (!detailed) {
            return figures;
        }
        printSteps(stepsBefore, steps, wall);
        if (statements != null) {
            statements.print(count);
        }
        if (!profiled) {
            return figures;
        }
        System.out.printf("  the grid consumer thread (it runs each batch's whole pipeline) until the last record was"
                + " indexed, %,d stack samples: running, in native code (a socket read: waiting for an answer) or"
                + " waiting/parked, at the innermost casehub frame:%n", pipelineSamples);
        pipeline.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf("    %5.1f%%  %s%n", 100 * e.getValue(), e.getKey()));
        FlightSummary.of(recording).print(ports);
        Files.deleteIfExists(recording);
        if (broker != null) {
            System.out.printf("%n  the Artemis broker's flight recording over the same burst:%n");
            broker.printSummary("org.apache.activemq.", "Artemis");
        }
        return figures;
    }

    private static void awaitOutboxDrained(HubProcess hub) {
        await("every outbox row published").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> metric(hub, "casehub.outbox.pending", "channel:kafka") == 0
                        && metric(hub, "casehub.outbox.pending", "channel:artemis") == 0);
    }

    /** The index store's mean time per batch between two readings of Camel's statistics (NaN when it did not run). */
    private static double storePerBatch(Map<String, HubProbe.Step> before, Map<String, HubProbe.Step> after) {
        return after.entrySet().stream().filter(e -> e.getValue().name().equals("IndexStore.store"))
                .map(e -> e.getValue().minus(before.get(e.getKey()))).filter(step -> step.exchanges() > 0)
                .mapToDouble(step -> (double) step.totalMillis() / step.exchanges()).average().orElse(Double.NaN);
    }

    /**
     * {@link #STEADY_SECONDS} at {@code rate} records/s ({@code events}, {@code rate} a second): send → first event on
     * the feed, per record. Begins once the hub has published what came before (a stretch the machine does not carry
     * leaves the units' relay a backlog, which would slow the next one).
     */
    private static void steadyRate(int rate, List<Event> events, HubProcess hub, HubProbe probe, FeedWatch feed,
                                   KafkaProducer<String, byte[]> producer) throws Exception {
        awaitOutboxDrained(hub);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long cpu = probe.cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < events.size(); i++) {
            long due = start + (long) (i * 1e9 / rate);
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            Event event = events.get(i);
            sentAt.put(event.id(), System.nanoTime());
            producer.send(new ProducerRecord<>(GridEvents.TOPIC, event.id(), event.bytes()));
        }
        producer.flush();
        double sending = seconds(start);
        List<String> ids = events.stream().map(Event::id).toList();
        await("every steady record on the feed").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> feed.seen(ids) == ids.size());
        double wall = seconds(start);
        long[] latencies = ids.stream().mapToLong(id -> feed.arrival(id) - sentAt.get(id)).sorted().toArray();
        System.out.printf("  steady %,d records/s for %d s (sent in %.1f s, all on the feed after %.1f s): ingest→feed"
                + " p50 %.0f ms, p99 %.0f ms, max %.0f ms; hub CPU %.2f cores%n", rate, STEADY_SECONDS, sending, wall,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
                (probe.cpuNanos() - cpu) / 1e9 / wall);
        printStages(ids, sentAt, feed);
    }

    /**
     * Ingest→feed by stage, in the machine's wall clock (milliseconds): sent → the index transaction that wrote the
     * record's event began (Kafka, the batch filling, normalizing); → the relay sent the event to Kafka (the store, its
     * commit, the relay's wake and read); → the feed's reader had it (the producer, the broker, the reader's poll). For
     * all the stretch's records, and for its slowest 1 % — what makes the p99. The send's wall-clock time is the read's
     * less the record's ingest→feed, so that the stages add up to it.
     */
    private static void printStages(List<String> ids, Map<String, Long> sentAt, FeedWatch feed) {
        List<long[]> stages = ids.stream().map(id -> {
            FeedWatch.Arrival arrival = feed.stages(id);
            long total = (arrival.nanos() - sentAt.get(id)) / 1_000_000;
            return new long[] {arrival.stored() - (arrival.wall() - total), arrival.published() - arrival.stored(),
                    arrival.wall() - arrival.published(), total};
        }).sorted(Comparator.comparingLong(s -> s[3])).toList();
        List<long[]> slowest = stages.subList(stages.size() - Math.max(1, stages.size() / 100), stages.size());
        String[] names = {"sent → store began", "store began → sent to the feed", "sent to the feed → read"};
        StringBuilder line = new StringBuilder("    by stage, ms (p50 / p99 of all; mean of the slowest 1 %):");
        for (int i = 0; i < names.length; i++) {
            int stage = i;
            long[] sorted = stages.stream().mapToLong(s -> s[stage]).sorted().toArray();
            line.append(String.format(" %s %d / %d; %.0f%s", names[i], rank(sorted, 0.50), rank(sorted, 0.99),
                    slowest.stream().mapToLong(s -> s[stage]).average().orElse(0), i < names.length - 1 ? " —" : ""));
        }
        System.out.println(line);
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
        // a minute: with a large index some gauges' queries are slow, and a scrape timing out must not end the run
        for (String line : hub.get("/actuator/prometheus", null, Duration.ofSeconds(60)).body().split("\n")) {
            if (line.startsWith("casehub_")) {
                int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    /**
     * One meter's value (a counter's count, a gauge's value) over the meters with these tags ({@code name:value}), 0
     * when there is none, from {@code /actuator/metrics}: what the bursts poll once a second. A Prometheus scrape
     * renders every meter, and scraped once a second it was ~8 % of the hub's CPU samples, which a deployment scraped
     * every 15-60 s never pays.
     */
    private static double metric(HubProcess hub, String name, String... tags) throws Exception {
        StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
        for (int i = 0; i < tags.length; i++) {
            path.append(i == 0 ? '?' : '&').append("tag=").append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = hub.get(path.toString(), TestClients.OPERATOR_KEY, Duration.ofSeconds(60));
        if (response.statusCode() == 404) {
            return 0;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        for (JsonNode measurement : METRICS_JSON.readTree(response.body()).path("measurements")) {
            String statistic = measurement.path("statistic").asText();
            if (statistic.equals("COUNT") || statistic.equals("VALUE")) {
                return measurement.path("value").asDouble();
            }
        }
        return 0;
    }

    /** The grid feed's records stored since {@code before}, by the index's outcome. */
    private static Map<String, Double> outcomes(Map<String, Double> now, Map<String, Double> before) {
        Map<String, Double> outcomes = new TreeMap<>();
        Matcher outcome = Pattern.compile("outcome=\"([^\"]+)\"").matcher("");
        now.forEach((name, value) -> {
            if (name.startsWith("casehub_feed_records_total{") && name.contains("feed=\"" + GRID_FEED + "\"")
                    && outcome.reset(name).find()) {
                outcomes.merge(outcome.group(1), value - before.getOrDefault(name, 0.0), Double::sum);
            }
        });
        return outcomes;
    }

    private static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The hub's duplicate rule on its shipped vocabulary: the blocking keys it makes of a case. */
    private static DuplicateRule rule() {
        return new DuplicateRule(DedupProperties.defaults(), new MatterVocabulary(new CasehubHome(new HomeProperties(".")), json()));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** The p-quantile of nanoseconds, in ms. */
    private static double percentile(long[] sorted, double p) {
        return rank(sorted, p) / 1e6;
    }

    /** The value at the p-quantile's rank of sorted values. */
    private static long rank(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
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
