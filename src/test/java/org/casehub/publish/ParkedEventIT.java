package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.casehub.security.TestClients;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.casehub.support.UnifiedFeed;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An event the unified feed's topic refuses for good (larger than its max.message.bytes) fails alone, on the real
 * brokers: it is parked with its reason, the other cases' events still reach casehub.cases and the units' queues, its
 * case's next revision waits behind it, and an operator's re-send after the limit is raised delivers both, once each
 * and in order.
 */
class ParkedEventIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String COMMUNITY = "440303003022";
    /** below the parked event (a text of 12,000 Chinese characters, ~36 KB), above an ordinary one (~2 KB) */
    private static final int TOPIC_LIMIT = 16_384;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConfigResource TOPIC = new ConfigResource(ConfigResource.Type.TOPIC, "casehub.cases");

    @LocalServerPort
    int port;

    @Test
    void anEventTooLargeForTheTopicIsParkedAloneAndDeliveredOnceInOrderAfterTheLimitIsRaisedAndItIsReSent()
            throws Exception {
        HubHttp http = new HubHttp(port);
        try (UnifiedFeed feed = new UnifiedFeed(bootstrapServers()); GridEvents grid = new GridEvents(bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            String first = caseOf(send(grid, 1, null));
            await().atMost(PATIENCE).until(() -> onTheFeed(feed, first).size() == 1);
            limit(admin, String.valueOf(TOPIC_LIMIT));
            try {
                String big = GridEvents.newEventId();
                String text = String.join("", Collections.nCopies(1_200, "楼上住户漏水导致天花板损坏")).substring(0, 12_000);
                send(grid, big, 1, text);
                String bigCase = caseOf(big);
                assertThat(jdbc.queryForObject("SELECT OCTET_LENGTH(event_json) FROM case_event WHERE event_id = ?", Integer.class,
                        bigCase + ":1")).as("the event is above the topic's limit").isGreaterThan(TOPIC_LIMIT);
                String other = caseOf(send(grid, 1, null));

                // the other case goes on, to the feed and to its units
                await().atMost(PATIENCE).until(() -> onTheFeed(feed, other).size() == 1);
                await().atMost(PATIENCE).until(() -> atTheUnit(COMMUNITY, other).size() == 1);
                // the refused one is parked, with its reason, and its case's next revision waits behind it
                JsonNode parked = await().atMost(PATIENCE).until(() -> parkedOf(http, bigCase), p -> p != null);
                assertThat(parked.path("eventId").asText()).isEqualTo(bigCase + ":1");
                assertThat(parked.path("channel").asText()).isEqualTo("kafka");
                assertThat(parked.path("reason").asText()).contains("RecordTooLargeException");
                send(grid, big, 2, text);
                await().atMost(PATIENCE).until(() -> parkedOf(http, bigCase).path("waiting").asLong() == 1);
                String later = caseOf(send(grid, 1, null));
                await().atMost(PATIENCE).until(() -> onTheFeed(feed, later).size() == 1);
                assertThat(onTheFeed(feed, bigCase)).isEmpty();
                assertThat(http.get("/actuator/prometheus", TestClients.OPERATOR_KEY).body())
                        .containsPattern("casehub_outbox_parked\\{[^}]*channel=\"kafka\"[^}]*\\} 1\\.0");
                // and operators are told where they look: the feeds' alarms (GET /api/feeds, the status page)
                await().atMost(PATIENCE).until(() -> HubHttp.json(http.get("/api/feeds", TestClients.OPERATOR_KEY))
                        .path("alarms").toString().contains("outbox kafka: 1 event(s) parked"));
                // the big case's unit messages are not the topic's business: they went out
                await().atMost(PATIENCE).until(() -> atTheUnit(COMMUNITY, bigCase).size() == 2);

                limit(admin, null);
                var resent = http.post("/api/outbox/parked/" + parked.path("id").asLong() + "/resend",
                        Map.of("X-Api-Key", TestClients.OPERATOR_KEY), "");
                assertThat(resent.statusCode()).isEqualTo(200);

                await().atMost(PATIENCE).until(() -> onTheFeed(feed, bigCase).size() == 2);
                assertThat(onTheFeed(feed, bigCase)).containsExactly(bigCase + ":1", bigCase + ":2");
                assertThat(parkedOf(http, bigCase)).isNull();
                assertThat(jdbc.queryForList("SELECT outcome FROM audit_log WHERE action = 'outbox.resend' AND target = ?"
                        + " AND client_id = 'it-operator'", String.class, "outbox:" + parked.path("id").asLong()))
                        .containsExactly("success");
                // nothing more arrives: each event once
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> onTheFeed(feed, bigCase).size() == 2 && onTheFeed(feed, other).size() == 1);
            } finally {
                limit(admin, null);
            }
        }
    }

    /** Sets the topic's max.message.bytes, or (null) removes the override, and waits until the broker has it. */
    private static void limit(Admin admin, String bytes) throws Exception {
        AlterConfigOp op = bytes == null
                ? new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(TOPIC, List.of(op))).all().get();
        await().atMost(PATIENCE).until(() -> {
            ConfigEntry entry = admin.describeConfigs(List.of(TOPIC)).all().get().get(TOPIC)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return bytes == null ? entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                    : bytes.equals(entry.value());
        });
    }

    private static String send(GridEvents grid, int version, String text) {
        String eventId = GridEvents.newEventId();
        send(grid, eventId, version, text);
        return eventId;
    }

    private static void send(GridEvents grid, String eventId, int version, String text) {
        String event = GridEvents.eventAt(eventId, version, "AQ-XF", COMMUNITY + "-01");
        if (text != null) {
            event = event.replaceFirst("\"content\": \"[^\"]*\"", "\"content\": \"" + text + "\"");
        }
        grid.send(eventId, event);
    }

    private String caseOf(String eventId) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM source_record WHERE record_id = ?", Integer.class, eventId) == 1);
        return jdbc.queryForObject("SELECT case_id FROM source_record WHERE record_id = ?", String.class, eventId);
    }

    /** The parked row of the case, as operators see it, or null. */
    private static JsonNode parkedOf(HubHttp http, String caseId) {
        JsonNode list = HubHttp.json(http.get("/api/outbox/parked", TestClients.OPERATOR_KEY));
        for (JsonNode item : list.path("items")) {
            if (item.path("caseId").asText().equals(caseId)) {
                return item;
            }
        }
        return null;
    }

    /** The ids of the case's events read from the unified feed so far, in order. */
    private static List<String> onTheFeed(UnifiedFeed feed, String caseId) {
        return feed.poll().stream().filter(r -> caseId.equals(r.key())).map(ConsumerRecord::value)
                .map(v -> {
                    try {
                        return JSON.readTree(v).path("id").asText();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList();
    }

    /** The event ids of the case waiting in the unit's own queue; nothing is consumed. */
    private List<String> atTheUnit(String unit, String caseId) throws JMSException {
        try (Connection artemis = new ActiveMQConnectionFactory("tcp://localhost:" + ARTEMIS_PORT).createConnection()) {
            artemis.start();
            Session session = artemis.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue("casehub.unit." + unit),
                    "_AMQ_DUPL_ID LIKE '" + caseId + ":%'");
            List<String> ids = new ArrayList<>();
            for (Message message : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                ids.add(message.getStringProperty("_AMQ_DUPL_ID"));
            }
            return ids;
        }
    }
}
