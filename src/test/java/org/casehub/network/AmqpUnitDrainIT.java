package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.jms.Connection;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.support.GridEvents;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A unit's system that is not Java drains its queue over AMQP 1.0 on the embedded broker: the Node client in
 * {@code src/test/amqp} (rhea, installed by {@code .ci/run} with {@code npm ci}) receives each tier's event of a case
 * once and accepts it, after which the queue no longer holds it — behind the messages of earlier cases, which it takes
 * too (a unit system takes its queue whole).
 */
class AmqpUnitDrainIT extends HubTestSupport {

    private static final Path CLIENT = Path.of("src/test/amqp");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static GridEvents grid;

    @BeforeAll
    static void connect() {
        grid = new GridEvents(bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        grid.close();
    }

    @Test
    void aNodeAmqpClientDrainsTheCityDistrictStreetAndCommunityQueuesOfACase() throws Exception {
        assertThat(CLIENT.resolve("node_modules/rhea")).as("rhea installed: npm ci --prefix src/test/amqp").isDirectory();
        // Guangming: no other IT of the shared hub sends grid events there, so the earlier cases below raise nothing
        // another test watches (WarningIT's spike is in a Bao'an street)
        String community = "440311001003";
        // the community's earlier cases: the case below waits behind them in each of its queues
        List<String> earlier = IntStream.range(0, 45).mapToObj(i -> GridEvents.newEventId())
                .map(id -> GridEvents.eventAt(id, 1, "AQ-XF", community + "-01")).toList();
        grid.sendAllAtOnce(earlier);
        String eventId = GridEvents.newEventId();
        grid.send(eventId, GridEvents.eventAt(eventId, 1, "AQ-XF", community + "-01"));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM source_record WHERE record_id = ?", Integer.class, eventId) == 1);
        String caseId = jdbc.queryForObject("SELECT case_id FROM source_record WHERE record_id = ?", String.class, eventId);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE case_id = ?"
                + " AND channel = 'artemis' AND published_at IS NULL", Integer.class, caseId) == 0);

        String selector = "_AMQ_DUPL_ID LIKE '" + caseId + ":%'";
        String expected = "{\"id\":\"" + caseId + ":1\",\"type\":\"org.casehub.case.created\",\"subject\":\"" + caseId + "\"}";
        List<String> units = List.of("4403", "440311", "440311001", community);
        for (String unit : units) {
            assertThat(drain(unit, caseId + ":", 1)).as("drained from casehub.unit." + unit).containsExactly(expected);
        }
        // accepted means removed: the queues hold nothing of the case any more
        try (Connection artemis = new ActiveMQConnectionFactory("tcp://localhost:" + ARTEMIS_PORT).createConnection();
             Session session = artemis.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            artemis.start();
            for (String unit : units) {
                QueueBrowser left = session.createBrowser(session.createQueue("casehub.unit." + unit), selector);
                assertThat(left.getEnumeration().hasMoreElements()).as("left in casehub.unit." + unit).isFalse();
            }
        }
    }

    private static List<String> drain(String unit, String idPrefix, int count) throws IOException, InterruptedException {
        Process process = node(unit, idPrefix, count);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("node client ends").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("node client exit; stderr: " + err).isZero();
        return out.lines().toList();
    }

    private static Process node(String unit, String idPrefix, int count) throws IOException {
        return new ProcessBuilder("node", "drain.mjs", "localhost", String.valueOf(ARTEMIS_PORT), unit, idPrefix,
                String.valueOf(count)).directory(CLIENT.toFile()).start();
    }
}
