package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.casehub.cluster.LeaderLeases;
import org.casehub.core.FeedRecord;
import org.casehub.quarantine.QuarantineRepository;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.FakeWorkOrderPlatform.Request;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The livelihood feed pulling the (fake) 12345 platform's API into the case index. */
class LivelihoodFeedIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    WatermarkRepository watermarks;

    @Autowired
    LivelihoodClient client;

    @Autowired
    LivelihoodProperties properties;

    @Autowired
    CamelContext camel;

    @Autowired
    LeaderLeases leases;

    @Autowired
    QuarantineRepository quarantine;

    @Autowired
    ProducerTemplate producer;

    private static String newOrderNo() {
        return String.format("GD12345-20261120-%06d", 500_000 + SEQUENCE.incrementAndGet());
    }

    @Test
    void ordersOnSeveralPagesWithEqualUpdateTimesEachBecomeOneCaseOnce() {
        List<String> orderNos = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String orderNo = newOrderNo();
            orderNos.add(orderNo);
            // runs of the same second longer than a page (page size 3 in the tests)
            LIVELIHOOD.put(orderNo, LIVELIHOOD.tick(i % 5 != 0), "已派单");
        }

        await().atMost(PATIENCE).until(() -> cases(orderNos) == orderNos.size());

        assertThat(outcomes(orderNos)).containsOnly("CREATED").hasSize(orderNos.size());
        String caseJson = jdbc.queryForObject("SELECT c.case_json FROM hub_case c JOIN source_record s ON s.case_id = c.case_id"
                + " WHERE s.feed = 'livelihood' AND s.record_id = ?", String.class, orderNos.get(0));
        assertThat(caseJson).contains("\"channel\":\"hotline\"").contains("\"category\":\"noise\"")
                .doesNotContain(FakeWorkOrderPlatform.mobileOf(orderNos.get(0)));
        await().atMost(PATIENCE).until(() -> watermarkOf(orderNos.get(orderNos.size() - 1)));
    }

    @Test
    void rateLimitsServerErrorsAndARefusalAreWaitedOutAndNothingIsLost() {
        LIVELIHOOD.answerNext(429, "1");
        LIVELIHOOD.answerNext(503, null);
        LIVELIHOOD.answerNext(401, null);
        List<String> orderNos = List.of(newOrderNo(), newOrderNo());
        int before = LIVELIHOOD.requests().size();
        orderNos.forEach(no -> LIVELIHOOD.put(no, LIVELIHOOD.tick(false), "办理中"));

        await().atMost(PATIENCE).until(() -> cases(orderNos) == orderNos.size());

        List<Request> seen = LIVELIHOOD.requests().subList(before, LIVELIHOOD.requests().size());
        int rateLimited = indexOfStatus(seen, 429);
        assertThat(rateLimited).isNotNegative();
        assertThat(Duration.between(seen.get(rateLimited).at(), seen.get(rateLimited + 1).at()))
                .as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(seen.stream().map(Request::status)).contains(503, 401);
        assertThat(outcomes(orderNos)).containsOnly("CREATED").hasSize(2);
    }

    @Test
    void anOrderChangingWhileTheFeedPagesIsNeitherLostNorRepeated() {
        List<String> orderNos = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            orderNos.add(newOrderNo());
        }
        // the first of them: a page from the watermark's second less the overlap may hold only one new order
        String moving = orderNos.get(0);
        // right after the first page with these orders, the platform moves one of its orders to the end
        LIVELIHOOD.afterNextPage(platform -> platform.put(moving, platform.tick(false), "办理中"));
        orderNos.forEach(no -> LIVELIHOOD.put(no, LIVELIHOOD.tick(false), "已派单"));

        await().atMost(PATIENCE).until(() -> cases(orderNos) == orderNos.size()
                && jdbc.queryForObject("SELECT c.revision FROM hub_case c JOIN source_record s ON s.case_id = c.case_id"
                        + " WHERE s.feed = 'livelihood' AND s.record_id = ?", Integer.class, moving) == 2);

        assertThat(outcomes(orderNos)).filteredOn("CREATED"::equals).hasSize(orderNos.size());
        assertThat(outcomes(orderNos)).doesNotContain("DUPLICATE");
        assertThat(jdbc.queryForObject("SELECT c.status FROM hub_case c JOIN source_record s ON s.case_id = c.case_id"
                + " WHERE s.feed = 'livelihood' AND s.record_id = ?", String.class, moving)).isEqualTo("in-progress");
    }

    @Test
    void aFiveMegabyteOrderIsQuarantinedAloneWithItsFirstBytesAndThePullMovesPastIt() {
        List<String> orderNos = List.of(newOrderNo(), newOrderNo(), newOrderNo());
        String huge = orderNos.get(1);
        LIVELIHOOD.put(orderNos.get(0), LIVELIHOOD.tick(false), "已派单");
        LIVELIHOOD.put(huge, LIVELIHOOD.tick(false), "已派单").put("content", "噪".repeat(5_000_000 / 3));
        LIVELIHOOD.put(orderNos.get(2), LIVELIHOOD.tick(false), "已派单");

        await().atMost(PATIENCE).until(() -> cases(List.of(orderNos.get(0), orderNos.get(2))) == 2 && watermarkOf(orderNos.get(2)));

        Map<String, Object> quarantined = jdbc.queryForMap("SELECT id, stage, reasons FROM quarantine WHERE feed = 'livelihood'"
                + " AND record_id = ?", huge);
        assertThat(quarantined.get("stage")).isEqualTo("limits");
        assertThat((String) quarantined.get("reasons")).contains("casehub.limits.max-record-bytes (1048576)");
        assertThat(quarantinedPayloadLength(((Number) quarantined.get("id")).longValue())).isEqualTo(1_048_576);
        assertThat(cases(List.of(huge))).isZero();
    }

    @Test
    void aRestartedHubPullsFromTheStoredWatermarksSecondAndStoresNothingTwice() {
        String orderNo = newOrderNo();
        String updateTime = LIVELIHOOD.tick(false);
        LIVELIHOOD.put(orderNo, updateTime, "已派单");
        await().atMost(PATIENCE).until(() -> watermarkOf(orderNo));

        // a fresh puller is what a restarted hub has: nothing in memory, only the database
        LivelihoodPull restarted = new LivelihoodPull(client, watermarks, properties, new SourceHealth(), leases);
        int before = LIVELIHOOD.requests().size();
        List<FeedRecord> first = restarted.fetchPage(new DefaultExchange(camel));

        // the watermark's second (less the overlap) is read again: only orders already stored, which their keys drop
        List<String> again = first.stream().filter(r -> !r.rejected()).map(FeedRecord::recordId).toList();
        assertThat(again).contains(orderNo);
        assertThat(cases(again)).isEqualTo(again.size());
        Request asked = LIVELIHOOD.requests().subList(before, LIVELIHOOD.requests().size()).get(0);
        assertThat(asked.updatedSince()).isEqualTo(WorkOrderPaging.SOURCE_TIME.format(
                java.time.LocalDateTime.parse(updateTime, WorkOrderPaging.SOURCE_TIME).minus(properties.rereadOverlap())));
        assertThat(asked.page()).isZero();
        assertThat(outcomes(List.of(orderNo))).containsExactly("CREATED");
    }

    @Test
    void anOrderWithAnUnparseableUpdateTimeIsQuarantinedOnceAlthoughEveryPullAndEveryRestartReadsItAgain() {
        String orderNo = newOrderNo();
        // an ISO time instead of the contract's: the order cannot be placed below any watermark, so every pull sees it
        LIVELIHOOD.put(orderNo, LIVELIHOOD.tick(false).replace(' ', 'T'), "已派单");
        await().atMost(PATIENCE).until(() -> quarantined(orderNo) == 1);

        // a restarted hub remembers nothing in memory: it reads the order again and hands it to the pipeline
        LivelihoodPull restarted = new LivelihoodPull(client, watermarks, properties, new SourceHealth(), leases);
        List<FeedRecord> again = restarted.fetchPage(new DefaultExchange(camel)).stream()
                .filter(r -> orderNo.equals(r.recordId())).toList();
        assertThat(again).hasSize(1);
        producer.sendBody("direct:normalize-and-store", again);

        assertThat(quarantined(orderNo)).isEqualTo(1);
    }

    @Test
    void anOrderWrittenInTheWatermarksSecondAfterTheHubReadItIsReadThoughItsOrderNoSortsBelow() {
        String earlier = newOrderNo();
        List<String> read = List.of(newOrderNo(), newOrderNo());
        String second = LIVELIHOOD.tick(false);
        read.forEach(no -> LIVELIHOOD.put(no, second, "已派单"));
        await().atMost(PATIENCE).until(() -> watermarkOf(read.get(1)));

        // the platform writes (or changes) an order in that same second, after the hub read it
        LIVELIHOOD.put(earlier, second, "已派单");

        await().atMost(PATIENCE).until(() -> cases(List.of(earlier)) == 1);
        assertThat(outcomes(List.of(earlier))).containsExactly("CREATED");
        assertThat(outcomes(read)).containsOnly("CREATED").hasSize(2);
    }

    private int quarantined(String orderNo) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = 'livelihood' AND record_id = ?", Integer.class,
                orderNo);
    }

    private int quarantinedPayloadLength(long id) {
        return quarantine.payload(id).orElseThrow().length;
    }

    private boolean watermarkOf(String orderNo) {
        return watermarks.load(LivelihoodPull.FEED).map(Watermark::recordId).filter(orderNo::equals).isPresent();
    }

    private static int indexOfStatus(List<Request> requests, int status) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).status() == status) {
                return i;
            }
        }
        return -1;
    }

    private int cases(List<String> orderNos) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id IN ("
                + inList(orderNos) + ")", Integer.class);
    }

    private List<String> outcomes(List<String> orderNos) {
        return jdbc.queryForList("SELECT outcome FROM processed_id WHERE " + orderNos.stream()
                .map(no -> "idempotency_key LIKE 'livelihood:" + no + ":%'").collect(Collectors.joining(" OR ")), String.class);
    }

    private static String inList(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    }
}
