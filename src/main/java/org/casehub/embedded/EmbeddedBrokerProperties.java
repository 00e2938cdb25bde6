package org.casehub.embedded;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the in-process Kafka and Artemis brokers that let casehub start with nothing installed.
 */
@ConfigurationProperties("casehub.embedded")
public class EmbeddedBrokerProperties {

    /**
     * Whether to start the in-process brokers. Default {@code true}; the production profile sets
     * {@code false}, and then nothing in this package starts.
     */
    private boolean enabled = true;

    /**
     * Directory that holds the brokers' data: Kafka under {@code kafka/}, Artemis under {@code artemis/}.
     * Default {@code data}, relative to the working directory.
     */
    private Path dataDirectory = Path.of("data");

    private final Kafka kafka = new Kafka();

    private final Artemis artemis = new Artemis();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Path getDataDirectory() {
        return dataDirectory;
    }

    public void setDataDirectory(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    public Kafka getKafka() {
        return kafka;
    }

    public Artemis getArtemis() {
        return artemis;
    }

    /** Where an in-process broker listens for outside clients. */
    public abstract static class Listener {

        /**
         * Host name the listener binds to and advertises to clients. Default {@code localhost}.
         */
        private String host = "localhost";

        private int port;

        Listener(int port) {
            this.port = port;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

    /** The Kafka client (PLAINTEXT) listener: port default {@code 9092}. */
    public static class Kafka extends Listener {

        /**
         * Number of partitions of topics that Kafka creates automatically. Default {@code 3}.
         */
        private int partitions = 3;

        Kafka() {
            super(9092);
        }

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }
    }

    /** The Artemis TCP acceptor that outside systems connect to: port default {@code 61616}. */
    public static class Artemis extends Listener {

        /**
         * Percentage of the data directory's disk in use at which Artemis blocks every producer (its
         * {@code max-disk-usage}): unit delivery stops until space is freed. Default {@code 90}, Artemis' own;
         * the {@code artemisStorage} health warns {@code casehub.ops.broker-disk-warning-margin} points before.
         */
        private int maxDiskUsage = 90;

        /**
         * The most message data the embedded broker keeps on the hub's heap, all addresses together (its
         * {@code global-max-size}); past it every address pages to disk, nothing is dropped. Artemis' own default is
         * half the heap: ~900 unit addresses that nobody consumes (each may hold {@code casehub.unit-queues.memory-per-unit}
         * before it pages) then took a third of a 1 GiB hub's heap under load (issue 18). Default {@code 64MB}.
         */
        private DataSize globalMaxSize = DataSize.ofMegabytes(64);

        Artemis() {
            super(61616);
        }

        public int getMaxDiskUsage() {
            return maxDiskUsage;
        }

        public void setMaxDiskUsage(int maxDiskUsage) {
            if (maxDiskUsage < 1 || maxDiskUsage > 100) {
                throw new IllegalArgumentException("casehub.embedded.artemis.max-disk-usage must be 1 to 100 (percent)");
            }
            this.maxDiskUsage = maxDiskUsage;
        }

        public DataSize getGlobalMaxSize() {
            return globalMaxSize;
        }

        public void setGlobalMaxSize(DataSize globalMaxSize) {
            if (globalMaxSize.toBytes() < 1) {
                throw new IllegalArgumentException("casehub.embedded.artemis.global-max-size must be positive");
            }
            this.globalMaxSize = globalMaxSize;
        }
    }
}
