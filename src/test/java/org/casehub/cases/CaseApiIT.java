package org.casehub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.security.TestClients;
import org.casehub.support.GridEvents;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The case API through real HTTP on the running hub: the scope matrix (a client at each tier and in each zone ×
 * cases in its own division, a sibling, the parent and a child) through list, count, get, source lookup and
 * Open311; pagination, filters, the detail and the history; the OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseApiIT extends HubTestSupport {

    /** Case key → division code. */
    private static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        CASES.put("province", "44");             // placed at the province only: parent of every Shenzhen client
        CASES.put("city", "4403");               // 深圳市 only: parent of the districts and zones
        CASES.put("gz", "440103001101");         // 广州市: a sibling city
        CASES.put("nanshan", "440305");          // 南山区
        CASES.put("futian", "440304001");        // 福田区 南园街道: a sibling district
        CASES.put("yuehai", "440305007");        // 粤海街道: child of 南山区, parent of 京光
        CASES.put("taoyuan", "440305008001");    // 桃源街道 龙光社区: a sibling street's community
        CASES.put("jingguang", "440305007012");  // 京光社区
        CASES.put("keji", "440305007003");       // 科技园社区: a sibling community
        CASES.put("kuiyong", "440307009");       // 葵涌街道: 大鹏新区
        CASES.put("dapeng", "440307010001");     // 大鹏社区: 大鹏新区, a child of its street
        CASES.put("pinghu", "440307003");        // 平湖街道: 龙岗区, beside 大鹏
        CASES.put("ebu", "441521103001");        // 鹅埠社区: 深汕特别合作区
        CASES.put("meilong", "441521101001");    // 海丰县 梅陇镇: 汕尾, beside 深汕
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String feed = "it-feed-" + run;

    @LocalServerPort
    int port;

    private ApiCalls api;

    @BeforeAll
    void indexCasesAtEveryTier() {
        api = new ApiCalls(port);
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        for (String key : CASES.keySet()) {
            at = at.plusSeconds(1);
            insertCase(caseId(key), CASES.get(key), feed, key.equals("keji") ? "closed" : "received", "noise", at);
        }
    }

    static Stream<Arguments> clients() {
        return Stream.of(
                Arguments.of("44", TestClients.PROVINCE_KEY, CASES.keySet()),
                Arguments.of("4403", TestClients.OPERATOR_KEY, Set.of("city", "nanshan", "futian", "yuehai", "taoyuan",
                        "jingguang", "keji", "kuiyong", "dapeng", "pinghu", "ebu")),
                Arguments.of("440305", TestClients.READER_KEY, Set.of("nanshan", "yuehai", "taoyuan", "jingguang", "keji")),
                Arguments.of("440305007", TestClients.STREET_KEY, Set.of("yuehai", "jingguang", "keji")),
                Arguments.of("440305007012", TestClients.COMMUNITY_KEY, Set.of("jingguang")),
                Arguments.of("4403DP", TestClients.DAPENG_KEY, Set.of("kuiyong", "dapeng")),
                Arguments.of("4403SS", TestClients.SHENSHAN_KEY, Set.of("ebu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aClientListsCountsGetsLooksUpAndSeesInOpen311ExactlyTheCasesOfItsScope(String scope, String key, Set<String> inside) {
        List<String> visible = inside.stream().map(this::caseId).sorted().toList();

        assertThat(walk(key, "feed=" + feed, 3)).as("list").containsExactlyInAnyOrderElementsOf(visible);
        assertThat(api.ok(key, "/api/cases/count?feed=" + feed).path("count").asLong()).as("count").isEqualTo(visible.size());
        for (String each : CASES.keySet()) {
            int expected = inside.contains(each) ? 200 : 404;
            assertThat(api.get(key, "/api/cases/" + caseId(each)).statusCode()).as("get " + each).isEqualTo(expected);
            assertThat(api.get(key, "/api/sources/" + feed + "/rec-" + caseId(each)).statusCode()).as("source " + each)
                    .isEqualTo(expected);
            assertThat(api.get(key, "/open311/v2/requests/" + caseId(each) + ".json").statusCode()).as("open311 " + each)
                    .isEqualTo(expected);
        }
        String all = String.join(",", CASES.keySet().stream().map(this::caseId).toList());
        JsonNode requests = api.ok(key, "/open311/v2/requests.json?service_request_id=" + all);
        assertThat(ids(requests, "service_request_id")).as("open311 list").containsExactlyInAnyOrderElementsOf(visible);
    }

    @Test
    void aCaseOutsideTheScopeIs404InTheHubsErrorShapeNot403() {
        var response = api.get(TestClients.COMMUNITY_KEY, "/api/cases/" + caseId("keji"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ApiCalls.read(response).path("message").asText()).isEqualTo("no case " + caseId("keji"));
        assertThat(api.get(TestClients.COMMUNITY_KEY, "/api/cases/" + caseId("keji") + "/events").statusCode()).isEqualTo(404);
    }

    @Test
    void theSourceLookupAnswersTheCaseOfTheRecord() {
        JsonNode found = api.ok(TestClients.STREET_KEY, "/api/sources/" + feed + "/rec-" + caseId("jingguang"));

        assertThat(found.path("case").path("caseId").asText()).isEqualTo(caseId("jingguang"));
        assertThat(found.path("sources").get(0).path("recordId").asText()).isEqualTo("rec-" + caseId("jingguang"));
    }

    @Test
    void aWalkSeesEveryCaseOnceAndACaseAddedDuringTheWalkAtItsEnd() {
        String walkFeed = "it-walk-" + run;
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = run + "-w" + i;
            // two cases share an updated_at: the case id breaks the tie
            insertCase(id, "440305007012", walkFeed, "received", "noise", at.plusSeconds(i / 2));
            ids.add(id);
        }
        JsonNode first = api.ok(TestClients.PROVINCE_KEY, "/api/cases?feed=" + walkFeed + "&limit=2");
        String added = run + "-w9";
        insertCase(added, "440305007012", walkFeed, "received", "noise", OffsetDateTime.now(ZoneOffset.UTC));

        List<String> seen = new ArrayList<>(ids(first.path("items"), "caseId"));
        String cursor = first.path("nextCursor").asText();
        while (cursor != null) {
            JsonNode page = api.ok(TestClients.PROVINCE_KEY, "/api/cases?feed=" + walkFeed + "&limit=2&cursor=" + cursor);
            seen.addAll(ids(page.path("items"), "caseId"));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        }

        List<String> expected = new ArrayList<>(ids);
        expected.add(added);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void filtersNarrowTheListAndTheCountAlike() {
        String filterFeed = "it-filter-" + run;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        insertCase(run + "-f1", "440305007012", filterFeed, "closed", "labour", now);
        insertCase(run + "-f2", "440305007003", filterFeed, "received", "labour", now);
        insertCase(run + "-f3", "440305008001", filterFeed, "received", "noise", now);
        jdbc.update("UPDATE hub_case SET law_related = TRUE, manual_routing = TRUE WHERE case_id = ?", run + "-f3");

        assertFiltered("&category=labour", "-f1", "-f2");
        assertFiltered("&status=closed", "-f1");
        assertFiltered("&status=received,closed&division=440305007", "-f1", "-f2");
        assertFiltered("&lawRelated=true", "-f3");
        assertFiltered("&manualRouting=false&group=false", "-f1", "-f2");
        assertFiltered("&createdFrom=" + encode(now.plusMinutes(1).toString()));
        assertFiltered("&updatedTo=" + encode(now.plusMinutes(1).toString()), "-f1", "-f2", "-f3");
        assertThat(api.get(TestClients.PROVINCE_KEY, "/api/cases?division=44%25").statusCode()).isEqualTo(400);
        assertThat(api.get(TestClients.PROVINCE_KEY, "/api/cases?limit=501").statusCode()).isEqualTo(400);
        assertThat(api.get(TestClients.PROVINCE_KEY, "/api/cases?cursor=bm90LWEtY3Vyc29y").statusCode()).isEqualTo(400);
        assertThat(api.get(TestClients.PROVINCE_KEY, "/api/cases/count?lawRelated=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    void aCaseFedInAsAGridEventShowsItsSourceRecordLinksAndItsDeliveryToEachUnit() {
        String eventId = GridEvents.newEventId();
        try (GridEvents grid = new GridEvents(bootstrapServers())) {
            grid.send(eventId, GridEvents.eventAt(eventId, 1, "HJ-ZS", "440305007012-01"));
        }
        String source = "/api/sources/public-safety/" + eventId;
        await().atMost(PATIENCE).until(() -> api.get(TestClients.STREET_KEY, source).statusCode() == 200);
        String id = api.ok(TestClients.STREET_KEY, source).path("case").path("caseId").asText();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.ok(TestClients.STREET_KEY, "/api/cases/" + id)
                .path("deliveries")).allSatisfy(d -> assertThat(d.path("state").asText()).isEqualTo("published")));
        JsonNode detail = api.ok(TestClients.STREET_KEY, "/api/cases/" + id);

        assertThat(detail.path("sources")).hasSize(1);
        assertThat(detail.path("sources").get(0).path("feed").asText()).isEqualTo("public-safety");
        assertThat(detail.path("sources").get(0).path("recordId").asText()).isEqualTo(eventId);
        assertThat(detail.path("sources").get(0).path("sourceVersion").asLong()).isEqualTo(1);
        assertThat(detail.path("links").isArray()).isTrue();
        assertThat(ids(detail.path("deliveries"), "unit"))
                .containsExactlyInAnyOrder("44", "4403", "440305", "440305007", "440305007012");
        assertThat(ids(detail.path("deliveries"), "eventId")).containsOnly(id + ":1");
        assertThat(api.get(TestClients.COMMUNITY_KEY, "/api/cases/" + id).statusCode()).isEqualTo(200);
        assertThat(api.get(TestClients.DAPENG_KEY, "/api/cases/" + id).statusCode()).isEqualTo(404);
        assertThat(api.get(TestClients.DAPENG_KEY, source).statusCode()).isEqualTo(404);
    }

    @Test
    void theHistoryOfACaseComesInRevisionOrder() {
        String id = caseId("dapeng");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int revision : new int[] {2, 1, 3}) {
            String type = revision == 1 ? "org.casehub.case.created" : "org.casehub.case.updated";
            jdbc.update("INSERT INTO case_event (event_id, case_id, revision, event_type, source, feed, event_time, event_json)"
                            + " VALUES (?, ?, ?, ?, '/casehub/feeds/it', 'it', ?, ?)", id + ":" + revision, id, revision, type,
                    now, "{\"id\":\"" + id + ":" + revision + "\",\"type\":\"" + type + "\",\"data\":{\"caseId\":\"" + id + "\"}}");
        }

        JsonNode history = api.ok(TestClients.DAPENG_KEY, "/api/cases/" + id + "/events");

        assertThat(ids(history.path("events"), "id")).containsExactly(id + ":1", id + ":2", id + ":3");
    }

    @Test
    void theOpenApiDocumentListsEveryApiPathTheTestsCall() {
        String document = api.get(TestClients.READER_KEY, "/api/openapi.json").body();

        assertThat(document).contains("\"/api/cases\"", "\"/api/cases/count\"", "\"/api/cases/{id}\"",
                "\"/api/cases/{id}/events\"", "\"/api/sources/{feed}/{recordId}\"", "\"/open311/v2/requests.json\"",
                "\"/open311/v2/services.json\"");
    }

    private void assertFiltered(String filter, String... suffixes) {
        String query = "feed=it-filter-" + run + filter;
        List<String> expected = Stream.of(suffixes).map(s -> run + s).toList();
        assertThat(walk(TestClients.PROVINCE_KEY, query, 50)).as(filter).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(api.ok(TestClients.PROVINCE_KEY, "/api/cases/count?" + query).path("count").asLong()).as(filter)
                .isEqualTo(expected.size());
    }

    /** Every case id of a list, following the cursor page by page. */
    private List<String> walk(String key, String query, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.ok(key, "/api/cases?" + query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.path("items").size()).isLessThanOrEqualTo(limit);
            seen.addAll(ids(page.path("items"), "caseId"));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        return seen;
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    /** A case with one source record, as the index stores them. */
    private void insertCase(String caseId, String division, String sourceFeed, String status, String category,
                            OffsetDateTime at) {
        String json = """
                {"caseId": "%s", "revision": 1, "category": "%s", "status": "%s", "title": "测试", \
                "location": {"divisionCode": "%s", "resolution": {"method": "division-code", "level": "community"}}, \
                "persons": [], "lawRelated": false, "group": false}""".formatted(caseId, category, status, division);
        jdbc.update("INSERT INTO hub_case (case_id, revision, status, category, channel, division_code, law_related,"
                        + " group_case, manual_routing, case_json, created_at, updated_at)"
                        + " VALUES (?, 1, ?, ?, 'grid', ?, FALSE, FALSE, FALSE, ?, ?, ?)",
                caseId, status, category, division, json, at, at);
        jdbc.update("INSERT INTO source_record (feed, record_id, source_version, case_id, received_at, payload_sealed,"
                        + " key_id, canonical_json) VALUES (?, ?, 7, ?, ?, ?, 'it', '{}')",
                sourceFeed, "rec-" + caseId, caseId, at, new byte[] {1});
    }

    private String caseId(String key) {
        return run + "-" + key;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
