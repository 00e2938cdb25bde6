package org.casehub.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka, broker and KRaft controller in one, running inside this JVM on Kafka's own server
 * classes. Its data lives under {@code <dataDirectory>/kafka} and survives restarts.
 */
public class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDirectory;
    private final String host;
    private final int port;
    private final int partitions;

    private KafkaRaftServer server;

    public EmbeddedKafkaBroker(EmbeddedBrokerProperties properties) {
        this.logDirectory = properties.getDataDirectory().resolve("kafka").toAbsolutePath();
        this.host = properties.getKafka().getHost();
        this.port = properties.getKafka().getPort();
        this.partitions = properties.getKafka().getPartitions();
    }

    /**
     * Formats the data directory if it is new, starts Kafka, and returns once the broker answers clients.
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("Embedded Kafka is already running");
        }
        long began = System.nanoTime();
        String clusterId = formatOnce();
        // Any free controller port will do at each start: with a static quorum Kafka stores the voters' ids
        // (quorum-state) but takes their addresses from controller.quorum.voters alone.
        KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(serverProperties(freePort())), Time.SYSTEM);
        try {
            starting.startup();
            awaitReady();
        } catch (RuntimeException e) {
            // Release the ports and the data directory lock that a half-started server holds.
            starting.shutdown();
            starting.awaitShutdown();
            throw e;
        }
        server = starting;
        log.info("Embedded Kafka (cluster {}) ready at {} with data in {}, started in {} ms",
                clusterId, bootstrapServers(), logDirectory, Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    /** The {@code bootstrap.servers} value for clients of this broker. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** Stops the broker and waits until it has released its ports and data directory. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Embedded Kafka at {} stopped", bootstrapServers());
    }

    /** Formats the storage the first time and returns the cluster id it holds. */
    private String formatOnce() {
        Path metaProperties = logDirectory.resolve(META_PROPERTIES);
        if (Files.exists(metaProperties)) {
            return readClusterId(metaProperties);
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(logDirectory);
            new Formatter()
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .setClusterId(clusterId)
                    .setNodeId(NODE_ID)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + logDirectory, e);
        }
        log.info("Formatted new Kafka storage: {}", output.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }

    private Map<String, Object> serverProperties(int controllerPort) {
        String controller = "localhost:" + controllerPort;
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", NODE_ID),
                Map.entry("listeners", "PLAINTEXT://" + bootstrapServers() + "," + CONTROLLER_LISTENER + "://" + controller),
                Map.entry("advertised.listeners", "PLAINTEXT://" + bootstrapServers()),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + controller),
                Map.entry("log.dirs", logDirectory.toString()),
                Map.entry("num.partitions", partitions),
                Map.entry("auto.create.topics.enable", true),
                Map.entry("offsets.topic.replication.factor", (short) 1),
                Map.entry("transaction.state.log.replication.factor", (short) 1),
                Map.entry("transaction.state.log.min.isr", 1),
                Map.entry("group.initial.rebalance.delay.ms", 0),
                // A development broker holds little data: keep segments small rather than the 1 GiB default.
                Map.entry("log.segment.bytes", 16 * 1024 * 1024),
                Map.entry("log.index.size.max.bytes", 1024 * 1024),
                // The log cleaner (compacting the consumer offsets) allocates its dedupe buffer on the heap at start:
                // 128 MiB by default, an eighth of a 1 GiB hub's heap for a topic of a few thousand keys (issue 18).
                Map.entry("log.cleaner.dedupe.buffer.size", 16L * 1024 * 1024));
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) READY_TIMEOUT.toMillis())).nodes().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Embedded Kafka at " + bootstrapServers() + " did not answer", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for embedded Kafka", e);
        }
    }

    private static String readClusterId(Path metaProperties) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("cluster.id");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the Kafka controller", e);
        }
    }
}
