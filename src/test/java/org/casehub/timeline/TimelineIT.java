package org.casehub.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.security.TestClients;
import org.casehub.support.GridCases;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The timeline of a merged, reassigned, reported case reads in order, within the caller's scope; a source record's
 * trace shows its arrival, the versions applied and the revisions it caused with their deliveries.
 */
class TimelineIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** a grid of 京光社区, 南山区粤海街道: the case moves there from 东门街道 (罗湖区) */
    private static final String NANSHAN_GRID = "440305007012-01";

    @LocalServerPort
    int port;

    @Test
    void theTimelineOfAMergedReassignedReportedCaseReadsInOrder() {
        HubHttp http = new HubHttp(port);
        String first = GridEvents.newEventId();
        String second = GridEvents.newEventId();
        String caseId;
        String absorbed;
        try (GridCases cases = new GridCases(bootstrapServers(), jdbc)) {
            caseId = cases.newCase(first);
            absorbed = cases.newCase(second);
            jdbc.update("INSERT INTO case_link (case_id, other_case_id, kind, score, features, state, created_at)"
                    + " VALUES (?, ?, 'possible', 0.72, '{}', 'open', ?)", absorbed, caseId, OffsetDateTime.now(ZoneOffset.UTC));
            long linkId = jdbc.queryForObject("SELECT MAX(id) FROM case_link WHERE case_id = ?", Long.class, absorbed);
            assertThat(http.post("/api/dedup/links/" + linkId + "/confirm", Map.of("X-Api-Key", TestClients.OPERATOR_KEY,
                    "Content-Type", "application/json"), "{}").statusCode()).isEqualTo(200);
            try (GridEvents grid = new GridEvents(bootstrapServers())) {
                grid.send(first, GridEvents.eventAt(first, 2, "MD-LL", NANSHAN_GRID));
            }
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM processed_id WHERE idempotency_key = ?",
                    Integer.class, "public-safety:" + first + ":2") == 1);
        }
        assertThat(http.post("/api/cases/" + caseId + "/progress", Map.of("X-Api-Key", TestClients.NANSHAN_UNIT_KEY,
                "Content-Type", "application/json"), "{\"resultId\": \"T-" + caseId + "\", \"state\": \"受理\","
                + " \"text\": \"已受理,联系人13800138000\", \"time\": \"2026-12-05 09:30:00\"}").statusCode()).isEqualTo(200);

        JsonNode timeline = HubHttp.json(http.get("/api/cases/" + caseId + "/timeline", TestClients.OPERATOR_KEY));

        List<String> types = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (JsonNode entry : timeline.path("entries")) {
            kinds.add(entry.path("kind").asText());
            if (!entry.path("at").isNull()) {
                times.add(entry.path("at").asText());
            }
            if (entry.path("kind").asText().equals("event")) {
                types.add(entry.path("type").asText().replace("org.casehub.case.", "") + "@" + entry.path("source").asText());
            }
        }
        assertThat(types).containsExactly("created@/casehub/feeds/public-safety", "updated@/casehub/operators",
                "reassigned@/casehub/feeds/public-safety", "updated@/casehub/feeds/public-safety", "updated@/casehub/units");
        assertThat(times).isSorted();
        assertThat(kinds).containsSubsequence("event", "delivery", "report", "event");
        assertThat(timeline.path("entries").findValuesAsText("recordId")).contains(first, second);
        JsonNode report = find(timeline, "report");
        assertThat(report.path("state").asText()).isEqualTo("受理");
        assertThat(report.path("text").asText()).as("a phone in free text is masked").doesNotContain("13800138000");
        assertThat(HubHttp.json(http.get("/api/cases/" + absorbed + "/timeline", TestClients.OPERATOR_KEY))
                .path("entries").findValuesAsText("mergedInto")).containsExactly(caseId);

        // scope: the case is in 南山 now; the absorbed one stayed in 罗湖, outside a 南山 reader's scope
        assertThat(http.get("/api/cases/" + caseId + "/timeline", TestClients.READER_KEY).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/cases/" + absorbed + "/timeline", TestClients.READER_KEY).statusCode()).isEqualTo(404);

        JsonNode trace = HubHttp.json(http.get("/api/sources/public-safety/" + first + "/trace", TestClients.OPERATOR_KEY));
        assertThat(trace.path("caseId").asText()).isEqualTo(caseId);
        assertThat(trace.path("applied").findValuesAsText("sourceVersion")).containsExactly("1", "2");
        assertThat(trace.path("arrival").path("position").isObject()).as(trace.toString()).isTrue();
        assertThat(trace.path("dedup").path("decision").asText()).isEqualTo("new-case");
        assertThat(trace.path("events").findValuesAsText("type")).contains("org.casehub.case.created", "org.casehub.case.reassigned");
        assertThat(trace.path("events").path(0).path("deliveries")).isNotEmpty();
        assertThat(http.get("/api/sources/public-safety/" + second + "/trace", TestClients.READER_KEY).statusCode())
                .as("the record's case is in 南山 now").isEqualTo(200);
        assertThat(http.get("/api/sources/public-safety/NO-SUCH/trace", TestClients.OPERATOR_KEY).statusCode()).isEqualTo(404);
    }

    private static JsonNode find(JsonNode timeline, String kind) {
        for (JsonNode entry : timeline.path("entries")) {
            if (entry.path("kind").asText().equals(kind)) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " in " + timeline);
    }
}
