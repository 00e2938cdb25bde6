package org.casehub.production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.casehub.embedded.FreePorts;

/**
 * A Kafka broker as an external cluster runs one: Kafka's own {@code kafka.Kafka} main in its own JVM (KRaft, broker
 * and controller in one node, storage formatted first with {@code kafka.tools.StorageTool}), from the kafka_2.13
 * jars the build has. Its topics are made by the shipped {@code config/production/kafka-topics.sh}, read command by
 * command (this machine has no kafka-topics.sh) and done with the Admin client.
 */
final class KafkaBroker extends ServiceProcess {

    private static final Path TOPICS_SCRIPT = Path.of("config/production/kafka-topics.sh");

    private final Path folder;
    private final int port = FreePorts.free();
    private final int controllerPort = FreePorts.free();

    private KafkaBroker(Path folder) {
        this.folder = folder;
    }

    static KafkaBroker create(Path parent) {
        KafkaBroker broker = new KafkaBroker(parent.resolve("kafka"));
        broker.format();
        broker.start();
        broker.createTopics();
        return broker;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    private void format() {
        try {
            Files.createDirectories(folder);
            Properties server = new Properties();
            server.put("process.roles", "broker,controller");
            server.put("node.id", "1");
            server.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            server.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            server.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            server.put("controller.listener.names", "CONTROLLER");
            server.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            server.put("log.dirs", folder.resolve("data").toString());
            server.put("num.partitions", "1");
            server.put("offsets.topic.replication.factor", "1");
            server.put("transaction.state.log.replication.factor", "1");
            server.put("transaction.state.log.min.isr", "1");
            server.put("group.initial.rebalance.delay.ms", "0");
            server.put("auto.create.topics.enable", "false");
            try (var out = Files.newBufferedWriter(folder.resolve("server.properties"))) {
                server.store(out, "the production suite's Kafka broker");
            }
            Files.writeString(folder.resolve("logback.xml"), """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="OUT"/></root>
                    </configuration>""", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcess.run("kafka storage format", java("kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", folder.resolve("server.properties").toString()), folder,
                folder.resolve("format.log"));
    }

    private List<String> java(String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dlogback.configurationFile=" + folder.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts (or starts again, on the same log directories) and waits until the broker takes connections. */
    @Override
    void start() {
        process = ChildProcess.start("kafka", java("kafka.Kafka", folder.resolve("server.properties").toString()),
                folder, Map.of(), folder.resolve("kafka.log"));
        Ports.awaitOpen(port);
    }


    /** Each {@code kafka-topics.sh --create} of the shipped script, on this one-broker cluster (REPLICATION=1, MIN_INSYNC=1). */
    private void createTopics() {
        Map<String, String> variables = Map.of("BOOTSTRAP", bootstrap(), "REPLICATION", "1", "MIN_INSYNC", "1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            for (NewTopic topic : topicsOf(Files.readString(TOPICS_SCRIPT, StandardCharsets.UTF_8), variables)) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<NewTopic> topicsOf(String script, Map<String, String> variables) {
        List<NewTopic> topics = new ArrayList<>();
        for (String line : script.lines().filter(l -> l.startsWith("kafka-topics.sh ")).toList()) {
            List<String> words = List.of(substitute(line, variables).split("\\s+"));
            Map<String, String> configs = new HashMap<>();
            for (int i = 0; i < words.size(); i++) {
                if (words.get(i).equals("--config")) {
                    String[] pair = words.get(i + 1).split("=", 2);
                    configs.put(pair[0], pair[1]);
                }
            }
            topics.add(new NewTopic(after(words, "--topic"), Integer.parseInt(after(words, "--partitions")),
                    Short.parseShort(after(words, "--replication-factor"))).configs(configs));
        }
        if (topics.isEmpty()) {
            throw new IllegalStateException(TOPICS_SCRIPT + " creates no topic");
        }
        return topics;
    }

    private static String after(List<String> words, String option) {
        return words.get(words.indexOf(option) + 1);
    }

    /** "${NAME:-default}" and "$NAME" (quoted or not) from the variables, as the shell would. */
    private static String substitute(String line, Map<String, String> variables) {
        Matcher m = Pattern.compile("\"?\\$\\{?(\\w+)(?::-([^}\"]*))?}?\"?").matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.getOrDefault(m.group(1), m.group(2));
            if (value == null) {
                throw new IllegalStateException(TOPICS_SCRIPT + " needs " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
