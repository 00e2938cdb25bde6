package org.casehub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.security.TestClients;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Open311 GeoReport v2 façade through real HTTP: services, limits, status mapping and jurisdiction_id. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311IT extends HubTestSupport {

    /** 广州市 荔湾区 岭南街道 扬仁西社区: no other test places cases there. */
    private static final String CROWDED = "440103002102";

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @LocalServerPort
    int port;

    private ApiCalls api;

    @BeforeAll
    void indexCases() {
        api = new ApiCalls(port);
        OffsetDateTime tenDaysAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(10);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1005; i++) {
            String id = run + "-c" + i;
            rows.add(new Object[] {id, CROWDED, "{\"caseId\":\"" + id + "\"}", tenDaysAgo.plusSeconds(i), tenDaysAgo.plusSeconds(i)});
        }
        jdbc.batchUpdate("INSERT INTO hub_case (case_id, revision, status, category, channel, division_code, law_related,"
                + " group_case, manual_routing, case_json, created_at, updated_at)"
                + " VALUES (?, 1, 'received', 'other', 'grid', ?, FALSE, FALSE, FALSE, ?, ?, ?)", rows);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        insert(run + "-open", "440305007012", "in-progress", now);
        insert(run + "-closed", "440305007012", "closed", now);
        insert(run + "-dp", "440307010001", "received", now);
    }

    @Test
    void theServicesAreTheUnifiedCategories() {
        JsonNode services = api.ok(TestClients.READER_KEY, "/open311/v2/services.json");

        assertThat(services.size()).isEqualTo(19);
        JsonNode noise = find(services, "service_code", "noise");
        assertThat(noise.path("service_name").asText()).isEqualTo("噪声扰民");
        assertThat(noise.path("metadata").asBoolean(true)).isFalse();
        assertThat(noise.path("type").asText()).isEqualTo("realtime");
        assertThat(noise.path("keywords").asText()).contains("噪声扰民");
        assertThat(noise.path("group").asText()).isNotEmpty();
    }

    @Test
    void aListHoldsAtMostOneThousandRequestsNewestFirst() {
        JsonNode requests = api.ok(TestClients.PROVINCE_KEY, "/open311/v2/requests.json?jurisdiction_id=" + CROWDED);

        assertThat(requests.size()).isEqualTo(1000);
        assertThat(requests.get(0).path("service_request_id").asText()).isEqualTo(run + "-c1004");
    }

    @Test
    void moreThanNinetyDaysBetweenStartAndEndIsAnErrorInTheSpecsShape() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC);
        var response = api.get(TestClients.PROVINCE_KEY, "/open311/v2/requests.json?start_date="
                + encode(end.minusDays(91).toString()) + "&end_date=" + encode(end.toString()));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = ApiCalls.read(response);
        assertThat(errors.isArray()).isTrue();
        assertThat(errors.get(0).path("code").asInt()).isEqualTo(400);
        assertThat(errors.get(0).path("description").asText()).contains("90 days");
    }

    @Test
    void casesOlderThanTheWindowAreLeftOut() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(20);
        JsonNode requests = api.ok(TestClients.PROVINCE_KEY, "/open311/v2/requests.json?jurisdiction_id=" + CROWDED
                + "&end_date=" + encode(end.toString()));

        assertThat(requests.size()).isZero();
    }

    @Test
    void onlyAClosedCaseIsClosedAndTheStatusParameterSelects() {
        String query = "/open311/v2/requests.json?jurisdiction_id=440305007012&service_code=noise";

        assertThat(find(api.ok(TestClients.STREET_KEY, query), "service_request_id", run + "-open").path("status").asText())
                .isEqualTo("open");
        JsonNode closed = api.ok(TestClients.STREET_KEY, query + "&status=closed");
        assertThat(ids(closed)).contains(run + "-closed").doesNotContain(run + "-open");
        assertThat(find(closed, "service_request_id", run + "-closed").path("status").asText()).isEqualTo("closed");
        assertThat(ids(api.ok(TestClients.STREET_KEY, query + "&status=open"))).contains(run + "-open")
                .doesNotContain(run + "-closed");
        assertThat(api.get(TestClients.STREET_KEY, query + "&status=pending").statusCode()).isEqualTo(400);
    }

    @Test
    void aRequestShowsTheFinestUnitAsAgencyAndItsDeadline() {
        JsonNode request = api.ok(TestClients.STREET_KEY, "/open311/v2/requests/" + run + "-open.json").get(0);

        assertThat(request.path("agency_responsible").asText()).isEqualTo("京光社区");
        assertThat(request.path("service_name").asText()).isEqualTo("噪声扰民");
        assertThat(request.path("expected_datetime").asText()).isEqualTo("2026-12-10T17:00:00+08:00");
        assertThat(request.path("address").asText()).isEqualTo("京光社区1号");
        assertThat(request.path("lat").asDouble()).isEqualTo(22.54);
        assertThat(request.path("status_notes").asText()).isEqualTo("处置中");
    }

    @Test
    void jurisdictionIdNarrowsToThatUnitInsideTheCallersScope() {
        String ids = "&service_request_id=" + run + "-open," + run + "-dp";

        assertThat(ids(api.ok(TestClients.OPERATOR_KEY, "/open311/v2/requests.json?jurisdiction_id=4403DP" + ids)))
                .containsExactly(run + "-dp");
        assertThat(ids(api.ok(TestClients.OPERATOR_KEY, "/open311/v2/requests.json?jurisdiction_id=440305" + ids)))
                .containsExactly(run + "-open");
        assertThat(ids(api.ok(TestClients.STREET_KEY, "/open311/v2/requests.json?jurisdiction_id=4403DP" + ids))).isEmpty();
        assertThat(api.get(TestClients.STREET_KEY, "/open311/v2/requests/" + run + "-open.json?jurisdiction_id=4403DP")
                .statusCode()).isEqualTo(404);
        var unknown = api.get(TestClients.OPERATOR_KEY, "/open311/v2/requests.json?jurisdiction_id=9999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ApiCalls.read(unknown).get(0).path("code").asInt()).isEqualTo(404);
    }

    @Test
    void anUnknownRequestIs404AsTheSpecsErrorArray() {
        var response = api.get(TestClients.PROVINCE_KEY, "/open311/v2/requests/" + run + "-none.json");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ApiCalls.read(response).get(0).path("description").asText()).contains(run + "-none");
    }

    private void insert(String id, String division, String status, OffsetDateTime at) {
        String json = """
                {"caseId": "%s", "category": "noise", "status": "%s", "sourceStatus": "处置中", "description": "噪声", \
                "deadlines": {"expected": "2026-12-10T09:00:00Z"}, "location": {"divisionCode": "%s", "address": "京光社区1号", \
                "lat": 22.54, "lng": 113.95, "path": {"street": {"code": "440305007", "name": "粤海街道"}, \
                "community": {"code": "440305007012", "name": "京光社区"}}}}""".formatted(id, status, division);
        jdbc.update("INSERT INTO hub_case (case_id, revision, status, category, channel, division_code, law_related,"
                        + " group_case, manual_routing, case_json, created_at, updated_at)"
                        + " VALUES (?, 1, ?, 'noise', 'grid', ?, FALSE, FALSE, FALSE, ?, ?, ?)",
                id, status, division, json, at, at);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + array);
    }

    private static List<String> ids(JsonNode requests) {
        List<String> ids = new ArrayList<>();
        requests.forEach(r -> ids.add(r.path("service_request_id").asText()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
