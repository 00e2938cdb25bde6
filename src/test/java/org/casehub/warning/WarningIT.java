package org.casehub.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.casehub.core.BeijingTime;
import org.casehub.network.DivisionDirectory;
import org.casehub.security.TestClients;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A matter rising in one street, on the real brokers: grid events of today, through Kafka and the pipeline, lift the
 * street's series far above its quiet history (eight weeks of one fire-safety event a day); the evaluator raises one
 * warning, which reaches casehub.warnings once and the street's and the district's unit queues once each; evaluated
 * again it raises none; the API shows it within scope only, and an operator acknowledges it once (audited).
 */
class WarningIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String STREET = "440306017";
    private static final String DISTRICT = "440306";
    private static final String CATEGORY = "fire";
    private static final int TODAY_EVENTS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    DivisionDirectory divisions;

    @Autowired
    WarningEvaluator evaluator;

    @Autowired
    SeriesRepository series;

    @Test
    void aSpikeInAStreetRaisesOneWarningDeliveredOnceToTheTopicAndItsUnitsAndAcknowledgedThroughTheApi() throws Exception {
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        for (int back = 1; back <= 56; back++) {
            // one more on each day: the shared hub's other ITs may have counted grid events of their own on some
            Date day = Date.valueOf(today.minusDays(back));
            if (jdbc.update("UPDATE warning_series SET cases = cases + 1 WHERE unit_code = ? AND category = ? AND feed = ?"
                    + " AND on_day = ?", STREET, CATEGORY, "public-safety", day) == 0) {
                jdbc.update("INSERT INTO warning_series (unit_code, category, feed, on_day, cases) VALUES (?, ?, ?, ?, 1)",
                        STREET, CATEGORY, "public-safety", day);
            }
        }
        String community = divisions.codesUnder(STREET, 12).get(0);
        String now = OffsetDateTime.now(BeijingTime.ZONE).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        List<String> events = new ArrayList<>();
        try (GridEvents grid = new GridEvents(bootstrapServers())) {
            for (int i = 0; i < TODAY_EVENTS; i++) {
                String eventId = GridEvents.newEventId();
                grid.send(eventId, GridEvents.eventAt(eventId, 1, "AQ-XF", community + "-01")
                        .replace("2026-11-11T18:00:00+08:00", now));
                events.add(eventId);
            }
        }
        await().atMost(PATIENCE).until(() -> counted(today) >= TODAY_EVENTS);

        await().atMost(PATIENCE).until(() -> {
            evaluator.evaluate();
            return warnings().size() == 1;
        });
        assertThat(evaluator.evaluate()).as("evaluated again: the window has its warning").isZero();
        List<Map<String, Object>> rows = warnings();
        assertThat(rows).hasSize(1);
        String warningId = (String) rows.get(0).get("warning_id");

        HubHttp http = new HubHttp(port);
        JsonNode listed = HubHttp.json(http.get("/api/warnings?state=raised", TestClients.READER_KEY)).path("items");
        JsonNode warning = null;
        for (JsonNode item : listed) {
            if (item.path("warningId").asText().equals(warningId)) {
                warning = item;
            }
        }
        assertThat(warning).as("a Bao'an street's warning is outside the Nanshan reader's scope").isNull();
        warning = HubHttp.json(http.get("/api/warnings/" + warningId, TestClients.OPERATOR_KEY));
        assertThat(warning.path("unit").asText()).isEqualTo(STREET);
        assertThat(warning.path("district").asText()).isEqualTo(DISTRICT);
        assertThat(warning.path("category").asText()).isEqualTo(CATEGORY);
        assertThat(warning.path("rule").asText()).isEqualTo(WarningRules.WEAK_SIGNAL);
        assertThat(warning.path("observed").asInt()).isGreaterThanOrEqualTo(TODAY_EVENTS);
        assertThat(warning.path("expected").asDouble()).isLessThan(3);
        assertThat(warning.path("probability").asDouble()).as("at most weak-alpha (config/application.yaml)")
                .isLessThanOrEqualTo(5e-5);
        assertThat(warning.path("caseIds")).hasSize(TODAY_EVENTS);
        // each case behind it shows the warning in its timeline
        String behind = warning.path("caseIds").get(0).asText();
        assertThat(HubHttp.json(http.get("/api/cases/" + behind + "/timeline", TestClients.OPERATOR_KEY)).path("entries")
                .findParents("kind")).anySatisfy(entry -> {
                    assertThat(entry.path("kind").asText()).isEqualTo("warning");
                    assertThat(entry.path("warningId").asText()).isEqualTo(warningId);
                });
        assertThat(warning.path("letter").path("body").asText()).contains("消防安全", "深平安网格").doesNotContain("{");

        // delivered once: the topic, the street's and the district's queues
        List<ConsumerRecord<String, String>> onTopic = onTheWarningsTopic(warningId);
        assertThat(onTopic).hasSize(1);
        JsonNode event = JSON.readTree(onTopic.get(0).value());
        assertThat(event.path("type").asText()).isEqualTo(WarningRaiser.TYPE);
        assertThat(event.path("id").asText()).isEqualTo(warningId + ":1");
        assertThat(event.path("data").path("unit").asText()).isEqualTo(STREET);
        for (String unit : List.of(STREET, DISTRICT)) {
            await().atMost(PATIENCE).until(() -> messagesAt(unit, warningId).size() == 1);
            assertThat(messagesAt(unit, warningId)).containsExactly(WarningRaiser.TYPE + " " + warningId + ":1");
        }
        assertThat(messagesAt("440306017001", warningId)).as("no community below the street").isEmpty();

        // out of scope: 404; acknowledged once by an operator, audited; a second time: 409
        assertThat(http.get("/api/warnings/" + warningId, TestClients.PERSONAL_DATA_KEY).statusCode()).isEqualTo(404);
        var ack = http.post("/api/warnings/" + warningId + "/acknowledge", Map.of("X-Api-Key", TestClients.OPERATOR_KEY), "");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(HubHttp.json(ack).path("state").asText()).isEqualTo("acknowledged");
        assertThat(HubHttp.json(ack).path("acknowledged").path("by").asText()).isEqualTo("it-operator");
        assertThat(http.post("/api/warnings/" + warningId + "/acknowledge", Map.of("X-Api-Key", TestClients.OPERATOR_KEY), "")
                .statusCode()).isEqualTo(409);
        assertThat(http.post("/api/warnings/" + warningId + "/acknowledge", Map.of("X-Api-Key", TestClients.READER_KEY), "")
                .statusCode()).as("readers do not acknowledge").isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = ? AND target = ?", Integer.class,
                WarningApi.ACKNOWLEDGE, "warning:" + warningId)).isEqualTo(1);
    }

    /**
     * The index transaction counts a batch's records at once (on PostgreSQL in one statement): a record counts once in
     * its series' day, seen twice in a batch or again in a later one, and only the records new to the count are said
     * to be. A unit no record of the other tests is counted in, with two records a day: far below any warning.
     */
    @Test
    void aRecordCountsOnceInItsSeriesDaySeenTwiceInOneBatchOrAgainInALaterOne() {
        String unit = "4403" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        LocalDate day = LocalDate.of(2026, 11, 2);
        OffsetDateTime at = OffsetDateTime.parse("2026-11-02T02:00:00Z");
        SeriesRepository.Counted first = new SeriesRepository.Counted("livelihood", unit + "-1", "C1", unit, "noise", at, day);
        SeriesRepository.Counted second = new SeriesRepository.Counted("livelihood", unit + "-2", "C2", unit, "noise", at, day);
        SeriesRepository.Counted other = new SeriesRepository.Counted("public-safety", unit + "-3", "C3", unit, "noise",
                at.plusDays(1), day.plusDays(1));

        assertThat(series.count(List.of(first, second, first))).as("new records").isEqualTo(2);
        assertThat(series.count(List.of(second, other))).as("new records of a later batch").isEqualTo(1);

        assertThat(jdbc.queryForList("SELECT feed || ' ' || on_day || ' ' || cases FROM warning_series WHERE unit_code = ?"
                + " ORDER BY on_day", String.class, unit)).containsExactly("livelihood 2026-11-02 2", "public-safety 2026-11-03 1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM warning_case WHERE unit_code = ?", Integer.class, unit))
                .isEqualTo(3);
    }

    private int counted(LocalDate today) {
        Integer n = jdbc.queryForObject("SELECT SUM(cases) FROM warning_series WHERE unit_code = ? AND category = ? AND on_day = ?",
                Integer.class, STREET, CATEGORY, Date.valueOf(today));
        return n == null ? 0 : n;
    }

    private List<Map<String, Object>> warnings() {
        return jdbc.queryForList("SELECT warning_id FROM warning WHERE unit_code = ? AND category = ?", STREET, CATEGORY);
    }

    /** Every record of the warning on casehub.warnings, read from the beginning until the relay has published it. */
    private List<ConsumerRecord<String, String>> onTheWarningsTopic(String warningId) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE case_id = ?"
                + " AND published_at IS NULL", Integer.class, warningId) == 0);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("casehub.warnings"));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (warningId.equals(r.key())) {
                        seen.add(r);
                    }
                });
                return !seen.isEmpty();
            });
            // a little longer: a duplicate would come right behind
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (warningId.equals(r.key())) {
                        seen.add(r);
                    }
                });
            }
        }
        assertThat(seen).allSatisfy(r -> assertThat(new String(r.headers().lastHeader("content-type").value(),
                StandardCharsets.UTF_8)).startsWith("application/cloudevents+json"));
        return seen;
    }

    /** "type id" of the warning's messages in the unit's own queue; nothing is consumed. */
    private static List<String> messagesAt(String unit, String warningId) throws Exception {
        try (Connection artemis = new ActiveMQConnectionFactory("tcp://localhost:" + ARTEMIS_PORT).createConnection()) {
            artemis.start();
            List<String> found = new ArrayList<>();
            try (Session session = artemis.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                QueueBrowser browser = session.createBrowser(session.createQueue("casehub.unit." + unit),
                        "_AMQ_DUPL_ID LIKE '" + warningId + ":%'");
                for (Message message : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                    found.add(message.getJMSType() + " " + message.getStringProperty("_AMQ_DUPL_ID"));
                }
            }
            return found;
        }
    }
}
