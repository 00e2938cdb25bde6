package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.GbkText;
import org.casehub.core.StoreOutcome;
import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.casehub.feed.Normalizer;
import org.casehub.index.CaseIndexRepository;
import org.casehub.security.TestClients;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.casehub.support.Revisions;
import org.casehub.support.TestPersons;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One grievance — the same worker owed the same wages by the same factory — filed with the provincial petition
 * system, the 12345 hotline and a grid worker: the hub keeps one case with three sources, one case.created and
 * two case.updated, whether the three records arrive one after the other or at the same moment.
 */
class DeduplicationIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000L);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier(ExchangeDatabaseConfiguration.JDBC)
    JdbcTemplate exchange;

    @Autowired
    CaseIndexRepository caseIndex;

    @Autowired
    Normalizer normalizer;

    private GridEvents grid;
    private HubHttp http;
    private Map<String, String> webhook;

    @BeforeEach
    void connect() {
        grid = new GridEvents(bootstrapServers());
        http = new HubHttp(port);
        webhook = webhookHeaders();
    }

    @AfterEach
    void disconnect() {
        grid.close();
    }

    @Test
    void oneGrievanceFiledThroughAllThreeFeedsIsOneCaseWithThreeSources() throws Exception {
        Grievance grievance = new Grievance();

        grievance.petition();
        await().atMost(PATIENCE).until(() -> stored("provincial-petition", grievance.xfjbh));
        assertThat(http.post("/ingest/livelihood", webhook, grievance.workOrder()).statusCode()).isEqualTo(202);
        grid.send(grievance.eventId, grievance.gridEvent());
        await().atMost(PATIENCE).until(() -> stored("public-safety", grievance.eventId));

        String caseId = grievance.assertOneCaseWithThreeSources();
        assertThat(jdbc.queryForList("SELECT outcome FROM processed_id WHERE case_id = ? ORDER BY processed_at, idempotency_key",
                String.class, caseId)).containsExactly("CREATED", "MERGED", "MERGED");
        JsonNode data = JSON.readTree(jdbc.queryForObject("SELECT case_json FROM hub_case WHERE case_id = ?", String.class, caseId));
        assertThat(data.path("channel").asText()).as("the first record's content").isEqualTo("letter");
        for (JsonNode source : data.path("sources")) {
            if (!source.path("feed").asText().equals("provincial-petition")) {
                assertThat(source.path("merge").path("score").asDouble()).isPositive();
                assertThat(source.path("merge").path("features").size()).isPositive();
            }
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_link WHERE case_id = ? AND kind = 'merged'", Integer.class,
                caseId)).isEqualTo(2);
    }

    @Test
    void aCaseMergedFromThreeFeedsTakesEachFieldFromItsMostTrustedSourceAndASplitGivesEachCaseItsOwn() throws Exception {
        Grievance grievance = new Grievance();
        grievance.petition();
        await().atMost(PATIENCE).until(() -> stored("provincial-petition", grievance.xfjbh));
        assertThat(http.post("/ingest/livelihood", webhook, grievance.workOrder()).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> stored("livelihood", grievance.orderNo));
        grid.send(grievance.eventId, grievance.gridEvent());
        await().atMost(PATIENCE).until(() -> stored("public-safety", grievance.eventId));
        String caseId = grievance.assertOneCaseWithThreeSources();

        JsonNode merged = HubHttp.json(http.get("/api/cases/" + caseId, TestClients.OPERATOR_KEY)).path("case");
        assertThat(merged.path("title").asText()).isEqualTo(grievance.factory + "拖欠工资");
        assertThat(merged.path("occurredAt").asText()).as("only the grid event says when it happened")
                .isEqualTo("2026-11-22T09:00:00+08:00");
        assertThat(merged.path("deadlines").path("expected").asText()).startsWith("2026-12-08T18:00:00");
        assertThat(feedsOf(merged.path("provenance"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "title", "provincial-petition", "description", "provincial-petition", "category", "provincial-petition",
                "reportedAt", "provincial-petition", "persons", "provincial-petition", "place", "public-safety",
                "occurredAt", "public-safety", "status", "public-safety", "deadline", "livelihood"));
        assertThat(merged.path("provenance").path("title").path("recordId").asText()).isEqualTo(grievance.xfjbh);
        assertThat(merged.path("provenance").path("place").path("reason").asText())
                .startsWith("public-safety is the most trusted feed that has the place");
        JsonNode request = HubHttp.json(http.get("/open311/v2/requests/" + caseId + ".json", TestClients.OPERATOR_KEY)).get(0);
        assertThat(request.path("provenance")).isEqualTo(merged.path("provenance"));
        JsonNode lastEvent = JSON.readTree(jdbc.queryForObject("SELECT event_json FROM case_event WHERE case_id = ?"
                + " ORDER BY revision DESC FETCH FIRST 1 ROWS ONLY", String.class, caseId));
        assertThat(lastEvent.path("data").path("provenance")).isEqualTo(merged.path("provenance"));

        HttpResponse<String> split = http.post("/api/cases/" + caseId + "/split", Map.of("X-Api-Key",
                TestClients.OPERATOR_KEY, "Content-Type", "application/json"), "{\"feed\": \"public-safety\", \"recordId\": \""
                + grievance.eventId + "\", \"reason\": \"网格走访另案处理\"}");
        assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
        String splitId = HubHttp.json(split).path("caseId").asText();

        JsonNode left = HubHttp.json(http.get("/api/cases/" + caseId, TestClients.OPERATOR_KEY)).path("case");
        assertThat(left.has("occurredAt")).as("the grid event took its time with it").isFalse();
        assertThat(feedsOf(left.path("provenance"))).containsEntry("place", "livelihood").containsEntry("status", "livelihood")
                .containsEntry("title", "provincial-petition").doesNotContainValue("public-safety");
        JsonNode own = HubHttp.json(http.get("/api/cases/" + splitId, TestClients.OPERATOR_KEY)).path("case");
        assertThat(own.path("title").asText()).isEqualTo(grievance.factory + "欠薪");
        assertThat(own.path("occurredAt").asText()).isEqualTo("2026-11-22T09:00:00+08:00");
        assertThat(feedsOf(own.path("provenance")).values()).containsOnly("public-safety");
    }

    /** Field → the feed it came from. */
    private static Map<String, String> feedsOf(JsonNode provenance) {
        Map<String, String> feeds = new TreeMap<>();
        provenance.fields().forEachRemaining(f -> feeds.put(f.getKey(), f.getValue().path("feed").asText()));
        return feeds;
    }

    @Test
    void oneGrievanceArrivingThroughAllThreeFeedsAtOnceIsStillOneCase() throws Exception {
        Grievance grievance = new Grievance();
        String order = grievance.workOrder();
        String event = grievance.gridEvent();
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<?>> arrivals = List.of(
                CompletableFuture.runAsync(() -> awaitThen(start, () -> grievance.petition())),
                CompletableFuture.runAsync(() -> awaitThen(start, () -> http.post("/ingest/livelihood", webhook, order))),
                CompletableFuture.runAsync(() -> awaitThen(start, () -> grid.send(grievance.eventId, event))));
        start.countDown();
        CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get();
        await().atMost(PATIENCE).until(() -> stored("provincial-petition", grievance.xfjbh)
                && stored("livelihood", grievance.orderNo) && stored("public-safety", grievance.eventId));

        grievance.assertOneCaseWithThreeSources();
    }

    @Test
    void twoReportsOfOnePersonInOneBatchAreOneCase() {
        String first = GridEvents.newEventId();
        String second = GridEvents.newEventId();

        Map<StoreOutcome, Integer> outcomes = caseIndex.store(List.of(gridRecord(first, first), gridRecord(second, first)));

        assertThat(outcomes).containsEntry(StoreOutcome.CREATED, 1).containsEntry(StoreOutcome.MERGED, 1);
        assertThat(caseOfGridRecord(second)).as("the second joins the case the first opened in the same batch")
                .isEqualTo(caseOfGridRecord(first));
    }

    @Test
    void aBatchWhoseReportsMeetTheSameIndexedCaseJoinsThemAllToIt() {
        String indexed = GridEvents.newEventId();
        caseIndex.store(List.of(gridRecord(indexed, indexed)));
        String caseId = caseOfGridRecord(indexed);
        String stranger = GridEvents.newEventId();
        String again = GridEvents.newEventId();
        String thirdTime = GridEvents.newEventId();

        Map<StoreOutcome, Integer> outcomes = caseIndex.store(List.of(gridRecord(again, indexed),
                gridRecord(stranger, stranger), gridRecord(thirdTime, indexed)));

        assertThat(outcomes).containsEntry(StoreOutcome.MERGED, 2).containsEntry(StoreOutcome.CREATED, 1);
        assertThat(caseOfGridRecord(again)).isEqualTo(caseId);
        assertThat(caseOfGridRecord(thirdTime)).isEqualTo(caseId);
        assertThat(caseOfGridRecord(stranger)).as("another person's report of the same matter").isNotEqualTo(caseId);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_link WHERE case_id = ? AND kind = 'merged'", Integer.class,
                caseId)).isEqualTo(2);
    }

    /** A grid event through the pipeline's steps, its party the person of the event {@code personOf}. */
    private FeedRecord gridRecord(String eventId, String personOf) {
        String event = GridEvents.event(eventId, 1, "MD-LL").replace(GridEvents.idNumberOf(eventId), GridEvents.idNumberOf(personOf))
                .replace(GridEvents.phoneOf(eventId), GridEvents.phoneOf(personOf));
        FeedRecord record = new FeedRecord("public-safety", event.getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now());
        normalizer.normalize(record);
        assertThat(record.rejected()).as("%s", record.rejection()).isFalse();
        return record;
    }

    private String caseOfGridRecord(String eventId) {
        return jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = 'public-safety' AND record_id = ?",
                String.class, eventId);
    }

    private boolean stored(String feed, String recordId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = ? AND record_id = ?", Integer.class,
                feed, recordId) == 1;
    }

    private static void awaitThen(CountDownLatch start, ThrowingRunnable action) {
        try {
            start.await();
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A worker of their own and a factory of their own per test, so tests never join each other's cases. */
    private final class Grievance {

        final long n = SEQUENCE.incrementAndGet();
        final String idNumber = TestPersons.idNumber("440309", n);
        final String mobile = String.format("139%08d", n);
        final String factory = "鑫达" + (char) ('甲' + n % 10) + (char) ('一' + n % 7) + "电子厂";
        final String amount = (30_000 + n % 9_000) + "元";
        final String xfjbh = "448" + String.format("%017d", n);
        final String orderNo = String.format("GD12345-20261120-%06d", n % 1_000_000);
        final String eventId = GridEvents.newEventId();

        void petition() throws CharacterCodingException {
            LocalDateTime sjc = LocalDateTime.of(2026, 11, 20, 9, 30);
            byte[] xfnr = GbkText.encode("本人在大浪街道元芬社区" + factory + "工作,老板拖欠我3个月工资共" + amount + ",多次讨要无果,请求督促支付。");
            exchange.update("INSERT INTO XF_JBXX_EXCHANGE (XFJBH, XFXS, XFMD, XFRXM, ZJHM, LXDH, RS, WTSDD, XXDZ, NRFL, BT, XFNR,"
                            + " SFSFSS, DJSJ, BLZT, SJC, CLBZ) VALUES (?, '1', '3', '黄伟', ?, ?, 1, '440309004012',"
                            + " '龙华区大浪街道元芬社区华荣路12号', '0101', ?, ?, '0', ?, '01', ?, '0')",
                    xfjbh, idNumber, mobile, factory + "拖欠工资", xfnr, sjc, sjc);
        }

        String workOrder() {
            ObjectNode order = JSON.createObjectNode();
            order.put("orderNo", orderNo);
            order.put("updateTime", "2026-11-21 10:15:00");
            order.put("acceptTime", "2026-11-21 10:15:00");
            order.put("deadline", "2026-12-08 18:00:00");
            order.put("channel", "12345热线");
            order.put("category", "投诉");
            order.put("matterType", "劳动保障/工资拖欠");
            order.put("title", "反映" + factory + "拖欠工资");
            order.put("content", "来电人反映在" + factory + "上班,被拖欠3个月工资" + amount + ",讨要多次未果,希望有关部门处理。");
            order.putObject("citizen").put("name", "黄伟").put("mobile", mobile).put("certType", "身份证").put("certNo", idNumber);
            order.put("districtName", "龙华区");
            order.put("streetName", "大浪街道");
            order.put("communityName", "元芬社区");
            order.put("address", "龙华区大浪街道元芬社区华荣路12号");
            order.put("handleDept", "龙华区人力资源局");
            order.put("state", "已派单");
            return order.toString();
        }

        String gridEvent() {
            ObjectNode event = JSON.createObjectNode();
            event.put("eventId", eventId);
            event.put("version", 1);
            event.put("eventType", "MD-LZ");
            event.put("title", factory + "欠薪");
            event.put("content", "网格员走访发现" + factory + "拖欠工人黄伟3个月工资" + amount + ",当事人情绪激动。");
            event.put("gridCode", "440309004012-02");
            event.putObject("location").put("address", "龙华区大浪街道元芬社区华荣路12号");
            event.put("occurTime", "2026-11-22T09:00:00+08:00");
            event.put("reportTime", "2026-11-22T10:00:00+08:00");
            event.put("updatedAt", "2026-11-22T10:00:00+08:00");
            event.putObject("reporter").put("name", "肖军艳").put("role", "网格员");
            event.putArray("parties").addObject().put("name", "黄伟").put("idCard", idNumber).put("phone", mobile);
            event.put("severity", 2);
            event.put("status", "上报");
            return event.toString();
        }

        /** All three source records in one case, created once and updated twice; returns the case id. */
        String assertOneCaseWithThreeSources() {
            List<String> caseIds = jdbc.queryForList("SELECT DISTINCT case_id FROM source_record WHERE"
                            + " (feed = 'provincial-petition' AND record_id = ?) OR (feed = 'livelihood' AND record_id = ?)"
                            + " OR (feed = 'public-safety' AND record_id = ?)", String.class, xfjbh, orderNo, eventId);
            assertThat(caseIds).hasSize(1);
            String caseId = caseIds.get(0);
            // the case's revisions: a notice about one (a mediation offer, issue 22) has an id of its own, <revision>.m1
            assertThat(jdbc.queryForList("SELECT event_type FROM case_event WHERE case_id = ? AND " + Revisions.ONLY
                    + " ORDER BY revision", String.class,
                    caseId)).containsExactly("org.casehub.case.created", "org.casehub.case.updated", "org.casehub.case.updated");
            JsonNode sources = HubHttp.json(http.get("/api/cases/" + caseId, TestClients.OPERATOR_KEY)).path("sources");
            assertThat(sources).hasSize(3);
            return caseId;
        }
    }
}
