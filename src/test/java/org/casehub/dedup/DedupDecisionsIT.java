package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.security.TestClients;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Operators confirm, reject and split duplicates through the API; each decision is published and audited. */
class DedupDecisionsIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> OPERATOR = Map.of("X-Api-Key", TestClients.OPERATOR_KEY,
            "Content-Type", "application/json");

    @LocalServerPort
    int port;

    private GridEvents grid;
    private HubHttp http;

    @BeforeEach
    void connect() {
        grid = new GridEvents(bootstrapServers());
        http = new HubHttp(port);
    }

    @AfterEach
    void disconnect() {
        grid.close();
    }

    @Test
    void confirmingAPossibleDuplicateAbsorbsTheLaterCaseAndLaterVersionsFollowIt() throws Exception {
        String earlier = GridEvents.newEventId();
        String later = GridEvents.newEventId();
        String survivor = caseOf(feed(earlier, 1));
        String absorbed = caseOf(feed(later, 1));
        long linkId = possibleLink(absorbed, survivor);
        assertThat(HubHttp.json(http.get("/api/dedup/reviews", TestClients.OPERATOR_KEY)).path("items").findValuesAsText("caseId"))
                .contains(absorbed);

        HttpResponse<String> answer = http.post("/api/dedup/links/" + linkId + "/confirm", OPERATOR, "{\"reason\": \"同一人同一事\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(caseOfRecord(later)).isEqualTo(survivor);
        assertThat(jdbc.queryForObject("SELECT merged_into FROM hub_case WHERE case_id = ?", String.class, absorbed)).isEqualTo(survivor);
        JsonNode merged = lastEvent(absorbed);
        assertThat(merged.path("type").asText()).isEqualTo("org.casehub.case.merged");
        assertThat(merged.path("source").asText()).isEqualTo("/casehub/operators");
        assertThat(merged.path("data").path("mergedInto").asText()).isEqualTo(survivor);
        JsonNode updated = lastEvent(survivor);
        assertThat(updated.path("type").asText()).isEqualTo("org.casehub.case.updated");
        assertThat(updated.path("data").path("sources")).hasSize(2);
        assertThat(jdbc.queryForMap("SELECT state, decided_by, decision_note FROM case_link WHERE id = ?", linkId))
                .containsEntry("STATE", "confirmed").containsEntry("DECIDED_BY", "it-operator").containsEntry("DECISION_NOTE", "同一人同一事");
        // the audit row is written once the asynchronous answer has completed
        await().atMost(PATIENCE).until(() -> audited("/api/dedup/links/" + linkId + "/confirm"));

        grid.send(later, GridEvents.event(later, 2, "MD-LL"));
        await().atMost(PATIENCE).until(() -> processed(later, 2));
        assertThat(caseOfRecord(later)).isEqualTo(survivor);
        assertThat(lastEvent(absorbed).path("type").asText()).as("the absorbed case stays closed").isEqualTo("org.casehub.case.merged");
    }

    @Test
    void rejectingAPossibleDuplicateClosesTheLinkAndKeepsTwoCases() {
        String first = caseOf(feed(GridEvents.newEventId(), 1));
        String second = caseOf(feed(GridEvents.newEventId(), 1));
        long linkId = possibleLink(second, first);

        HttpResponse<String> answer = http.post("/api/dedup/links/" + linkId + "/reject", OPERATOR, "{\"reason\": \"不同诉求\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT state FROM case_link WHERE id = ?", String.class, linkId)).isEqualTo("rejected");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hub_case WHERE case_id IN (?, ?) AND merged_into IS NULL",
                Integer.class, first, second)).isEqualTo(2);
        assertThat(HubHttp.json(http.get("/api/dedup/reviews", TestClients.OPERATOR_KEY)).path("items").findValuesAsText("linkId"))
                .doesNotContain(String.valueOf(linkId));
        assertThat(http.post("/api/dedup/links/" + linkId + "/confirm", OPERATOR, "{}").statusCode())
                .as("a decided link is decided").isEqualTo(400);
    }

    @Test
    void aReaderMayNotDecide() {
        String first = caseOf(feed(GridEvents.newEventId(), 1));
        String second = caseOf(feed(GridEvents.newEventId(), 1));
        long linkId = possibleLink(second, first);

        HttpResponse<String> answer = http.post("/api/dedup/links/" + linkId + "/confirm",
                Map.of("X-Api-Key", TestClients.PROVINCE_KEY, "Content-Type", "application/json"), "{}");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT state FROM case_link WHERE id = ?", String.class, linkId)).isEqualTo("open");
    }

    @Test
    void splittingAWronglyMergedRecordGivesItACaseOfItsOwnThatItsLaterVersionsKeep() throws Exception {
        String first = GridEvents.newEventId();
        String second = GridEvents.newEventId();
        String caseId = caseOf(feed(first, 1));
        // the same party, text and place: the same grievance as far as the rule can tell
        grid.send(second, GridEvents.event(second, 1, "MD-LL").replace(GridEvents.idNumberOf(second), GridEvents.idNumberOf(first))
                .replace(GridEvents.phoneOf(second), GridEvents.phoneOf(first)));
        await().atMost(PATIENCE).until(() -> processed(second, 1));
        assertThat(caseOfRecord(second)).as("merged by the rule").isEqualTo(caseId);

        HttpResponse<String> answer = http.post("/api/cases/" + caseId + "/split", OPERATOR,
                "{\"feed\": \"public-safety\", \"recordId\": \"" + second + "\", \"reason\": \"两次不同的漏水\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String split = HubHttp.json(answer).path("caseId").asText();
        assertThat(caseOfRecord(second)).isEqualTo(split);
        assertThat(lastEvent(split).path("type").asText()).isEqualTo("org.casehub.case.created");
        assertThat(lastEvent(caseId).path("type").asText()).isEqualTo("org.casehub.case.updated");
        assertThat(lastEvent(caseId).path("data").path("sources")).hasSize(1);
        await().atMost(PATIENCE).until(() -> audited("/api/cases/" + caseId + "/split"));

        grid.send(second, GridEvents.event(second, 2, "MD-LL").replace(GridEvents.idNumberOf(second), GridEvents.idNumberOf(first))
                .replace(GridEvents.phoneOf(second), GridEvents.phoneOf(first)));
        await().atMost(PATIENCE).until(() -> processed(second, 2));
        assertThat(caseOfRecord(second)).as("the decision holds").isEqualTo(split);
    }

    private String feed(String eventId, int version) {
        grid.send(eventId, GridEvents.event(eventId, version, "MD-LL"));
        await().atMost(PATIENCE).until(() -> processed(eventId, version));
        return eventId;
    }

    private boolean processed(String eventId, int version) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM processed_id WHERE idempotency_key = ?", Integer.class,
                "public-safety:" + eventId + ":" + version) == 1;
    }

    private String caseOf(String eventId) {
        return caseOfRecord(eventId);
    }

    private String caseOfRecord(String eventId) {
        return jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = 'public-safety' AND record_id = ?",
                String.class, eventId);
    }

    private long possibleLink(String caseId, String otherCaseId) {
        jdbc.update("INSERT INTO case_link (case_id, other_case_id, kind, score, features, state, created_at)"
                        + " VALUES (?, ?, 'possible', 0.7, '{\"samePerson\": \"phone\"}', 'open', ?)",
                caseId, otherCaseId, OffsetDateTime.now(ZoneOffset.UTC));
        return jdbc.queryForObject("SELECT MAX(id) FROM case_link WHERE case_id = ?", Long.class, caseId);
    }

    private JsonNode lastEvent(String caseId) throws Exception {
        List<String> events = jdbc.queryForList("SELECT event_json FROM case_event WHERE case_id = ? ORDER BY revision DESC",
                String.class, caseId);
        return JSON.readTree(events.get(0));
    }

    private boolean audited(String target) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE target LIKE ? AND detail = 'HTTP 200'",
                Integer.class, "%" + target + "%") > 0;
    }
}
