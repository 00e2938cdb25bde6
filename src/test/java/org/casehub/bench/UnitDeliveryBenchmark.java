package org.casehub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.apache.camel.CamelContext;
import org.casehub.CasehubApplication;
import org.casehub.cluster.LeaderLeases;
import org.casehub.embedded.FreePorts;
import org.casehub.network.ArtemisCore;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.NetworkProperties;
import org.casehub.network.UnitResolver;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.PublishProperties;
import org.casehub.publish.UnitDeliveryRelay;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Unit deliveries per second through the embedded Artemis, isolated from ingest: the hub runs with its relays'
 * routes stopped, the benchmark writes events and their unit outbox rows straight into the index (one event to
 * the 5 units of a Shenzhen community, as the pipeline would), then times {@link UnitDeliveryRelay#relay()}
 * draining them: outbox read, persistent sends in transactions, rows marked published. Once per transaction
 * size (-Dbench.batch-sizes=50,200,500), N deliveries each (-Dbench.deliveries, default 50,000), after an uncounted
 * warm-up; then the broker's share alone (the same sends without the outbox), each send answered by the broker and
 * (as the relay sends) only the commit answering.
 * Run: {@code mvn -Pbench -DskipTests verify}.
 */
public final class UnitDeliveryBenchmark {

    /** A CloudEvent of the usual size (about 1 KB), as the relay sends it. */
    private static final String EVENT = """
            {"specversion":"1.0","id":"%s","source":"/casehub/feeds/bench","type":"org.casehub.case.created",\
            "subject":"%s","time":"2026-11-25T08:00:00Z","datacontenttype":"application/json","casehubfeed":"bench",\
            "data":{"caseId":"%s","revision":1,"title":"夜间施工噪声扰民","description":"%s",\
            "category":"noise","status":"received","location":{"divisionCode":"%s"}}}""";

    public static void main(String[] args) throws Exception {
        int deliveries = Integer.getInteger("bench.deliveries", 50_000);
        int[] batchSizes = Arrays.stream(System.getProperty("bench.batch-sizes", "50,200,500").split(","))
                .mapToInt(size -> Integer.parseInt(size.strip())).toArray();
        Path data = Files.createTempDirectory("casehub-bench-units-");
        ConfigurableApplicationContext hub = SpringApplication.run(CasehubApplication.class,
                "--casehub.embedded.data-directory=" + data,
                "--casehub.embedded.kafka.port=" + FreePorts.free(),
                "--casehub.embedded.artemis.port=" + FreePorts.free(),
                "--server.port=" + FreePorts.free(),
                "--logging.level.org.casehub=WARN");
        try {
            CamelContext camel = hub.getBean(CamelContext.class);
            camel.getRouteController().stopRoute("deliver-to-units");
            camel.getRouteController().stopRoute("publish-unified-feed");
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            DivisionDirectory divisions = hub.getBean(DivisionDirectory.class);
            UnitResolver units = hub.getBean(UnitResolver.class);
            List<String> communities = divisions.codesUnder("4403", 12);
            System.out.printf("%n=== casehub unit delivery benchmark (%d cores, JDK %s; embedded Artemis, H2) ===%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            // warm-up: the JIT and the broker's first addresses, not counted
            deliver(hub, jdbc, units, communities, Math.min(deliveries, 10_000), 200);
            for (int batchSize : batchSizes) {
                int written = writeOutbox(jdbc, units, communities, deliveries);
                long start = System.nanoTime();
                int sent = deliver(hub, jdbc, units, communities, 0, batchSize);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("transactions of %3d: %,d deliveries (%,d written) in %.1f s = %,.0f deliveries/s%n",
                        batchSize, sent, written, seconds, sent / seconds);
            }
            ConnectionFactory shared = hub.getBean(ConnectionFactory.class);
            brokerOnly("each send answered", shared, units, communities, deliveries, 200);
            brokerOnly("the commit answers (the relay's)", ArtemisCore.transactedSendsOnly(shared), units, communities,
                    deliveries, 1000);
            System.out.println();
        } finally {
            hub.close();
        }
    }

    /** Writes {@code deliveries} more rows (none: only what is pending) and drains the outbox with a relay of that batch size. */
    private static int deliver(ConfigurableApplicationContext hub, JdbcTemplate jdbc, UnitResolver units,
                               List<String> communities, int deliveries, int batchSize) throws JMSException {
        if (deliveries > 0) {
            writeOutbox(jdbc, units, communities, deliveries);
        }
        UnitDeliveryRelay relay = new UnitDeliveryRelay(hub.getBean(OutboxRepository.class),
                hub.getBean(ConnectionFactory.class), new NetworkProperties("config/network/divisions-44.csv", "",
                        "config/network/zones.yaml", false, Map.of(), List.of("4403"), 2000, batchSize),
                hub.getBean(PublishProperties.class), hub.getBean(LeaderLeases.class));
        try {
            return relay.relay();
        } finally {
            relay.destroy();
        }
    }

    /** The broker's share alone: the same messages to the same addresses in transactions, without the outbox. */
    private static void brokerOnly(String sends, ConnectionFactory factory, UnitResolver units, List<String> communities,
                                   int deliveries, int batchSize) throws JMSException {
        String body = EVENT.formatted("x", "x", "x", "南山区粤海街道京光社区梅观路16号周边夜间施工噪声严重,多次反映未解决。".repeat(8), "x");
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            // as the relay does: each address looked up once (creating a topic asks the broker)
            Map<String, Topic> topics = new HashMap<>();
            // ids of this run's own, or the broker drops the second run's messages as duplicates of the first's
            String run = UUID.randomUUID().toString();
            long start = System.nanoTime();
            int sent = 0;
            for (int i = 0; sent < deliveries; i++) {
                String eventId = "broker-only-" + run + "-" + i + ":1";
                for (String unit : units.unitsOf(communities.get(i % communities.size()))) {
                    TextMessage message = session.createTextMessage(body);
                    message.setStringProperty("_AMQ_DUPL_ID", eventId);
                    Topic topic = topics.get(unit);
                    if (topic == null) {
                        topic = session.createTopic(UnitResolver.address(unit));
                        topics.put(unit, topic);
                    }
                    producer.send(topic, message);
                    if (++sent % batchSize == 0) {
                        session.commit();
                    }
                }
            }
            session.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("broker only, %s, transactions of %d (no outbox): %,d messages in %.1f s = %,.0f messages/s%n",
                    sends, batchSize, sent, seconds, sent / seconds);
        }
    }

    /** Events of new cases in communities taken in turn, each with one pending outbox row per responsible unit. */
    private static int writeOutbox(JdbcTemplate jdbc, UnitResolver units, List<String> communities, int deliveries) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> events = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        String text = "南山区粤海街道京光社区梅观路16号周边夜间施工噪声严重,多次反映未解决。".repeat(8);
        for (int i = 0; rows.size() < deliveries; i++) {
            String community = communities.get(i % communities.size());
            String caseId = UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
            String eventId = caseId + ":1";
            events.add(new Object[] {eventId, caseId, 1, "org.casehub.case.created", "/casehub/feeds/bench", "bench", now,
                    EVENT.formatted(eventId, caseId, caseId, text, community)});
            for (String unit : units.unitsOf(community)) {
                rows.add(new Object[] {eventId, caseId, UnitResolver.destination(unit), "artemis", now});
            }
        }
        jdbc.batchUpdate("INSERT INTO case_event (event_id, case_id, revision, event_type, source, feed, event_time, event_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events);
        jdbc.batchUpdate("INSERT INTO outbox (event_id, case_id, destination, channel, created_at) VALUES (?, ?, ?, ?, ?)", rows);
        return rows.size();
    }
}
