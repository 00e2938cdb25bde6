package org.casehub.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.security.TestClients;
import org.casehub.support.GridCases;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Units report over HTTP and over Artemis casehub.progress: a report changes the case's status (a new revision,
 * published), is kept in the case's history once whatever comes twice, and a report a unit may not make is refused —
 * 403 and audited over HTTP, quarantined with its reason over Artemis, and taken on replay once the case allows it.
 */
class ProgressIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** 东门街道, the street of GridEvents' community 440303003022 */
    private static final String STREET = "440303003";

    @LocalServerPort
    int port;

    private GridCases cases;
    private HubHttp http;

    @BeforeEach
    void connect() {
        cases = new GridCases(bootstrapServers(), jdbc);
        http = new HubHttp(port);
    }

    @AfterEach
    void disconnect() {
        cases.close();
    }

    @Test
    void aUnitsReportOverHttpChangesTheStatusOncePublishedAndAudited() {
        String caseId = cases.newCase();
        int revision = cases.revision(caseId);

        HttpResponse<String> answer = report(TestClients.UNIT_KEY, caseId, "{\"resultId\": \"R-1-" + caseId + "\","
                + " \"state\": \"受理\", \"text\": \"已受理,正在核实\", \"time\": \"2026-12-05 09:30:00\"}");

        assertTakenWithStatus(answer, caseId, "accepted");
        JsonNode event = cases.lastEvent(caseId);
        assertThat(event.path("type").asText()).isEqualTo("org.casehub.case.updated");
        assertThat(event.path("source").asText()).isEqualTo("/casehub/units");
        assertThat(event.path("data").path("revision").asInt()).isEqualTo(revision + 1);
        assertThat(event.path("data").path("process").path("state").asText()).isEqualTo("受理");
        assertThat(event.path("data").path("process").path("unit").asText()).isEqualTo(STREET);
        // the golden record names the report, not a source, as where the status came from
        assertThat(event.path("data").path("provenance").path("status").path("feed").asText()).isEqualTo("units");
        assertThat(event.path("data").path("provenance").path("status").path("recordId").asText())
                .isEqualTo("R-1-" + caseId);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE event_id = ?"
                + " AND published_at IS NOT NULL AND destination LIKE 'kafka:%'", Integer.class, event.path("id").asText()) == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'progress.report' AND target = ?",
                Integer.class, "POST /api/cases/" + caseId + "/progress")).isEqualTo(1);
    }

    @Test
    void aReportSentTwiceChangesNothingTheSecondTime() {
        String caseId = cases.newCase();
        String body = "{\"resultId\": \"R-2-" + caseId + "\", \"state\": \"答复\", \"text\": \"已答复\","
                + " \"time\": \"2026-12-05T10:00:00+08:00\"}";
        assertThat(report(TestClients.UNIT_KEY, caseId, body).statusCode()).isEqualTo(200);
        int revision = cases.revision(caseId);

        HttpResponse<String> again = report(TestClients.UNIT_KEY, caseId, body);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(HubHttp.json(again).path("duplicate").asBoolean()).isTrue();
        assertThat(cases.revision(caseId)).isEqualTo(revision);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_progress WHERE case_id = ?", Integer.class, caseId))
                .isEqualTo(1);
    }

    @Test
    void aReportOnACaseNotDeliveredToTheUnitIsRefusedAndAudited() {
        String caseId = cases.newCase();
        int revision = cases.revision(caseId);

        HttpResponse<String> answer = report(TestClients.NANSHAN_UNIT_KEY, caseId, "{\"resultId\": \"R-3-" + caseId + "\","
                + " \"state\": \"受理\", \"time\": \"2026-12-05 09:30:00\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("not delivered to unit 440305");
        assertThat(cases.revision(caseId)).isEqualTo(revision);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'authorization.denied'"
                + " AND target LIKE ? AND client_id = 'it-unit-nanshan'", Integer.class, "%/api/cases/" + caseId + "/progress"))
                .isEqualTo(1);
    }

    @Test
    void aReaderMayNotReport() {
        String caseId = cases.newCase();

        HttpResponse<String> answer = report(TestClients.READER_KEY, caseId, "{\"resultId\": \"R-4\", \"state\": \"受理\","
                + " \"time\": \"2026-12-05 09:30:00\"}");

        assertThat(answer.statusCode()).isEqualTo(403);
    }

    @Test
    void aSentBackCaseGoesToManualRoutingAndNothingFollowsAClosedOne() {
        String caseId = cases.newCase();

        HttpResponse<String> back = report(TestClients.UNIT_KEY, caseId, "{\"resultId\": \"R-5-" + caseId + "\","
                + " \"state\": \"退回\", \"time\": \"2026-12-05 09:30:00\"}");
        assertThat(back.statusCode()).as("退回 needs a reason").isEqualTo(400);
        back = report(TestClients.UNIT_KEY, caseId, "{\"resultId\": \"R-5-" + caseId + "\", \"state\": \"退回\","
                + " \"reason\": \"不属于本街道管辖\", \"time\": \"2026-12-05 09:30:00\"}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT manual_routing FROM hub_case WHERE case_id = ?", Boolean.class, caseId)).isTrue();

        assertThat(report(TestClients.UNIT_KEY, caseId, "{\"resultId\": \"R-6-" + caseId + "\", \"state\": \"办结\","
                + " \"time\": \"2026-12-05 11:00:00\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> after = report(TestClients.UNIT_KEY, caseId, "{\"resultId\": \"R-7-" + caseId + "\","
                + " \"state\": \"办理中\", \"time\": \"2026-12-05 12:00:00\"}");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT status FROM hub_case WHERE case_id = ?", String.class, caseId)).isEqualTo("closed");
    }

    @Test
    void aStatusFromAReportOutlivesALaterVersionOfTheSourceRecord() {
        String eventId = GridEvents.newEventId();
        String caseId = cases.newCase(eventId);
        assertThat(report(TestClients.UNIT_KEY, caseId, "{\"resultId\": \"R-8-" + caseId + "\", \"state\": \"答复\","
                + " \"time\": \"2026-12-05 09:30:00\"}").statusCode()).isEqualTo(200);

        cases.send(eventId, 2);

        assertThat(jdbc.queryForObject("SELECT status FROM hub_case WHERE case_id = ?", String.class, caseId)).isEqualTo("answered");
    }

    @Test
    void aUnitReportsOverArtemisAndAReportItMayNotMakeIsQuarantinedWithTheReason() throws Exception {
        String caseId = cases.newCase();
        String other = cases.newCase();

        send("{\"caseId\": \"" + caseId + "\", \"resultId\": \"M-1-" + caseId + "\", \"unit\": \"" + STREET + "\","
                + " \"state\": \"办理中\", \"text\": \"正在协调\", \"time\": \"2026-12-05 09:30:00\"}");
        send("{\"caseId\": \"" + other + "\", \"resultId\": \"M-2-" + other + "\", \"unit\": \"440305\","
                + " \"state\": \"受理\", \"time\": \"2026-12-05 09:30:00\"}");

        await().atMost(PATIENCE).until(() -> "in-progress".equals(
                jdbc.queryForObject("SELECT status FROM hub_case WHERE case_id = ?", String.class, caseId)));
        assertThat(jdbc.queryForMap("SELECT channel, reporter FROM case_progress WHERE case_id = ?", caseId))
                .containsEntry("CHANNEL", "artemis");
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = 'unit-progress'"
                + " AND reasons LIKE ?", Integer.class, "%" + other + " is not delivered to unit 440305%") == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_progress WHERE case_id = ?", Integer.class, other)).isZero();
    }

    @Test
    void aRefusedReportIsTakenOnReplayOnceTheCaseIsDeliveredToItsUnit() throws Exception {
        String eventId = GridEvents.newEventId();
        String caseId = cases.newCase(eventId);
        long row = refusedForNanshan(caseId, "M-4-" + caseId);

        JsonNode early = replay(row);
        assertThat(early.path("state").asText()).as("still a 罗湖 case: refused again").isEqualTo("open");
        assertThat(early.path("replayCount").asInt()).isEqualTo(1);
        assertThat(early.path("reasons").toString()).contains("not delivered to unit 440305");

        cases.sendAt(eventId, 2, "440305007012-01");   // the case moves to a 南山 community: now 440305's
        JsonNode replayed = replay(row);

        assertThat(replayed.path("state").asText()).as(replayed.toString()).isEqualTo("replayed");
        assertThat(replayed.path("replayOutcome").asText()).isEqualTo("UPDATED");
        assertThat(replayed.path("caseId").asText()).isEqualTo(caseId);
        assertThat(jdbc.queryForMap("SELECT unit, channel, result_id FROM case_progress WHERE case_id = ?", caseId))
                .containsEntry("UNIT", "440305").containsEntry("CHANNEL", "artemis").containsEntry("RESULT_ID", "M-4-" + caseId);
        assertThat(jdbc.queryForObject("SELECT status FROM hub_case WHERE case_id = ?", String.class, caseId))
                .isEqualTo("accepted");
        assertThat(http.post("/api/quarantine/" + row + "/replay", Map.of("X-Api-Key", TestClients.OPERATOR_KEY), "")
                .statusCode()).as("settled: not replayed twice").isEqualTo(409);
    }

    @Test
    void aBackgroundReplayTakesTheReportsTheirCasesNowAllowAndLeavesTheOthersOpen() throws Exception {
        String movedEvent = GridEvents.newEventId();
        String moved = cases.newCase(movedEvent);
        String stayed = cases.newCase();
        long movedRow = refusedForNanshan(moved, "M-5-" + moved);
        long stayedRow = refusedForNanshan(stayed, "M-6-" + stayed);
        cases.sendAt(movedEvent, 2, "440305007012-01");

        HttpResponse<String> started = http.post("/api/quarantine/replays", Map.of("X-Api-Key", TestClients.OPERATOR_KEY,
                "Content-Type", "application/json"), "{\"ids\": [" + movedRow + ", " + stayedRow + "]}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String job = started.headers().firstValue("Location").orElseThrow();
        await().atMost(PATIENCE).until(() -> HubHttp.json(http.get(job, TestClients.OPERATOR_KEY)).path("state").asText()
                .equals("finished"));
        JsonNode done = HubHttp.json(http.get(job, TestClients.OPERATOR_KEY));
        assertThat(done.path("passed").asInt()).as(done.toString()).isEqualTo(1);
        assertThat(done.path("failed").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT state FROM quarantine WHERE id = ?", String.class, movedRow)).isEqualTo("replayed");
        assertThat(jdbc.queryForObject("SELECT state FROM quarantine WHERE id = ?", String.class, stayedRow)).isEqualTo("open");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_progress WHERE case_id = ?", Integer.class, moved)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_progress WHERE case_id = ?", Integer.class, stayed)).isZero();
    }

    @Test
    void anExtensionLeavesTheStatusIsKeptOnTheCaseAndASecondOneIsQuarantinedWithTheReason() throws Exception {
        String caseId = cases.newCase();
        assertThat(report(TestClients.UNIT_KEY, caseId, "{\"resultId\": \"R-9-" + caseId + "\", \"state\": \"办理中\","
                + " \"time\": \"2026-12-05 09:30:00\"}").statusCode()).isEqualTo(200);
        assertThat(report(TestClients.UNIT_KEY, caseId, "{\"resultId\": \"R-10-" + caseId + "\", \"state\": \"延期\","
                + " \"time\": \"2026-12-05 10:00:00\"}").statusCode()).as("延期 needs a reason").isEqualTo(400);

        HttpResponse<String> extended = report(TestClients.UNIT_KEY, caseId, "{\"resultId\": \"R-10-" + caseId + "\","
                + " \"state\": \"延期\", \"reason\": \"需多部门会商\", \"time\": \"2026-12-05 10:00:00\"}");

        assertTakenWithStatus(extended, caseId, "in-progress");
        JsonNode data = cases.lastEvent(caseId).path("data");
        assertThat(data.path("deadlines").path("extended").asBoolean()).isTrue();
        assertThat(data.path("process").path("extension").path("resultId").asText()).isEqualTo("R-10-" + caseId);

        send("{\"caseId\": \"" + caseId + "\", \"resultId\": \"M-3-" + caseId + "\", \"unit\": \"" + STREET + "\","
                + " \"state\": \"延期\", \"reason\": \"再延一次\", \"time\": \"2026-12-05 11:00:00\"}");

        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = 'unit-progress'"
                + " AND reasons LIKE ?", Integer.class, "%" + caseId + "'s limit was extended already%extended once%") == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_progress WHERE case_id = ?", Integer.class, caseId))
                .isEqualTo(2);
    }

    /** The report was taken, and the case has the status the answer names. */
    private void assertTakenWithStatus(HttpResponse<String> answer, String caseId, String status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(HubHttp.json(answer).path("status").asText()).isEqualTo(status);
        assertThat(jdbc.queryForObject("SELECT status FROM hub_case WHERE case_id = ?", String.class, caseId))
                .isEqualTo(status);
    }

    private void send(String report) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://localhost:" + ARTEMIS_PORT).createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue("casehub.progress"));
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(report.getBytes(StandardCharsets.UTF_8));
            producer.send(message);
        }
    }

    /** Unit 440305 (南山) reports 受理 on a case of 罗湖 over Artemis: the quarantine row that refuses it. */
    private long refusedForNanshan(String caseId, String resultId) throws Exception {
        send("{\"caseId\": \"" + caseId + "\", \"resultId\": \"" + resultId + "\", \"unit\": \"440305\","
                + " \"state\": \"受理\", \"time\": \"2026-12-05 09:30:00\"}");
        return await().atMost(PATIENCE).until(() -> jdbc.queryForList("SELECT id FROM quarantine"
                + " WHERE feed = 'unit-progress' AND reasons LIKE ?", Long.class, "%" + caseId + " is not delivered to unit 440305%"),
                rows -> rows.size() == 1).get(0);
    }

    private JsonNode replay(long quarantineRow) {
        HttpResponse<String> answer = http.post("/api/quarantine/" + quarantineRow + "/replay",
                Map.of("X-Api-Key", TestClients.OPERATOR_KEY), "");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return HubHttp.json(answer);
    }

    private HttpResponse<String> report(String key, String caseId, String body) {
        return http.post("/api/cases/" + caseId + "/progress", Map.of("X-Api-Key", key, "Content-Type", "application/json"),
                body);
    }
}
