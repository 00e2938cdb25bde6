package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.casehub.core.FeedProperties;
import org.casehub.core.FeedRecord;
import org.casehub.core.StoreOutcome;
import org.casehub.dedup.DedupRepository;
import org.casehub.embedded.FreePorts;
import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.casehub.feed.SourceAdapter;
import org.casehub.health.OpsProperties;
import org.casehub.security.TestClients;
import org.casehub.support.ExchangeSamples;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.casehub.unmapped.UnmappedCodeHealth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Feed health on the running hub: a feed whose source goes down is DOWN while the others flow, and catches up
 * once it is back; the silence alarm; GET /api/feeds, /status.json and the metrics on /actuator/prometheus.
 */
class FeedHealthIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final Path REGISTRY = HOME.resolve("config/feeds.yaml");
    private static final String MIRROR_TOPIC = "casehub.it.grid-mirror";
    private static final Path MIRROR_ROUTE = HOME.resolve("routes/feeds/grid-mirror.camel.yaml");
    /** a second Kafka feed, added while the hub runs, whose broker the test moves */
    private static final String MIRROR_ENTRY = """
                grid-mirror:
                  name: grid events mirror (test)
                  transport: kafka
                  source: %s
                  expected-cadence: PT30M
                  record-id: /eventId
                  version: /version
                  version-format: number
            """.formatted(MIRROR_TOPIC);
    private static final String MIRROR_ROUTE_TEXT = """
            - route:
                id: feed-grid-mirror
                from:
                  uri: kafka:%s
                  parameters:
                    brokers: "%%s"
                    groupId: casehub-it-mirror
                    autoOffsetReset: earliest
                    batching: true
                    pollTimeoutMs: 200
                    allowManualCommit: true
                    autoCommitEnable: false
                    keyDeserializer: org.apache.kafka.common.serialization.StringDeserializer
                    valueDeserializer: org.apache.kafka.common.serialization.ByteArrayDeserializer
                  steps:
                    - bean: {ref: kafkaFeedRecords, method: "fromBatch(${exchange}, 'grid-mirror')"}
                    - to: direct:normalize-and-store
                    - bean: {ref: kafkaFeedRecords, method: commit}
            """.formatted(MIRROR_TOPIC);
    private static GridEvents grid;

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier(ExchangeDatabaseConfiguration.JDBC)
    JdbcTemplate exchange;

    @Autowired
    CamelContext camel;

    private HubHttp http;

    @BeforeAll
    static void producer() {
        grid = new GridEvents(bootstrapServers());
    }

    @AfterAll
    static void close() {
        grid.close();
    }

    @BeforeEach
    void client() {
        http = new HubHttp(port);
    }

    @Test
    void theTwelve345PlatformDownIsReportedDownWhileTheOtherFeedsFlowAndTheFeedCatchesUpWhenItIsBack() {
        String orderNo = String.format("GD12345-20261124-%06d", SEQUENCE.incrementAndGet() % 1_000_000);
        LIVELIHOOD.down(true);
        try {
            LIVELIHOOD.put(orderNo, LIVELIHOOD.tick(false), "已派单");
            await().atMost(PATIENCE).until(() -> "DOWN".equals(health("/actuator/health/feeds/livelihood").path("status").asText()));

            JsonNode livelihood = feed("livelihood");
            assertThat(livelihood.path("state").asText()).isEqualTo("failing");
            assertThat(livelihood.path("reason").asText()).contains("503");
            assertThat(health("/actuator/health").path("status").asText()).isEqualTo("DOWN");
            assertThat(anonymous("/actuator/health/readiness").statusCode()).as("the hub stays in service").isEqualTo(200);
            assertThat(anonymous("/actuator/health/liveness").statusCode()).isEqualTo(200);

            // the others flow meanwhile
            String eventId = GridEvents.newEventId();
            grid.send(eventId, GridEvents.event(eventId, 1, "MD-LL"));
            String xfjbh = newXfjbh();
            ExchangeSamples.insertNew(exchange, xfjbh, LocalDateTime.parse("2026-11-24T09:00:00"));
            await().atMost(PATIENCE).until(() -> stored("public-safety", eventId) && stored("provincial-petition", xfjbh));
            assertThat(health("/actuator/health/feeds/public-safety").path("status").asText()).isEqualTo("UP");
            assertThat(health("/actuator/health/feeds/provincial-petition").path("status").asText()).isEqualTo("UP");
            assertThat(stored("livelihood", orderNo)).isFalse();
        } finally {
            LIVELIHOOD.down(false);
        }

        await().atMost(PATIENCE).until(() -> stored("livelihood", orderNo));
        await().atMost(PATIENCE).until(() -> "UP".equals(health("/actuator/health/feeds/livelihood").path("status").asText()));
        assertThat(feed("livelihood").path("state").asText()).isEqualTo("flowing");
    }

    @Test
    void aKafkaFeedWhoseBrokerIsUnreachableIsDownWhileTheOthersFlowAndCatchesUpOnceItReachesIt() throws Exception {
        String registry = Files.readString(REGISTRY);
        try {
            HubHttp.writeAtOnce(REGISTRY, registry + MIRROR_ENTRY);
            await().atMost(PATIENCE).until(() -> http.get("/api/feeds/grid-mirror", TestClients.READER_KEY).statusCode() == 200);
            HubHttp.writeAtOnce(MIRROR_ROUTE, MIRROR_ROUTE_TEXT.formatted("localhost:" + FreePorts.free()));

            await().atMost(PATIENCE).until(() -> "DOWN".equals(health("/actuator/health/feeds/grid-mirror").path("status").asText()));
            JsonNode mirror = feed("grid-mirror");
            assertThat(mirror.path("state").asText()).isEqualTo("failing");
            assertThat(mirror.path("reason").asText()).contains("feed-grid-mirror");
            assertThat(anonymous("/actuator/health/readiness").statusCode()).isEqualTo(200);

            String eventId = GridEvents.newEventId();
            grid.send(eventId, GridEvents.event(eventId, 1, "MD-LL"));
            await().atMost(PATIENCE).until(() -> stored("public-safety", eventId));
            assertThat(health("/actuator/health/feeds/public-safety").path("status").asText()).isEqualTo("UP");

            // the source holds a record meanwhile; once the feed reaches its broker it reads it
            String missed = GridEvents.newEventId();
            grid.sendTo(MIRROR_TOPIC, missed, GridEvents.event(missed, 1, "MD-LL").getBytes(StandardCharsets.UTF_8));
            HubHttp.writeAtOnce(MIRROR_ROUTE, MIRROR_ROUTE_TEXT.formatted(bootstrapServers()));

            await().atMost(PATIENCE).until(() -> feed("grid-mirror").path("totals").path("received").asLong() >= 1);
            await().atMost(PATIENCE).until(() -> "UP".equals(health("/actuator/health/feeds/grid-mirror").path("status").asText()));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = 'grid-mirror'", Integer.class)
                    + jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'grid-mirror'", Integer.class))
                    .as("the missed record was taken in").isPositive();
        } finally {
            Files.deleteIfExists(MIRROR_ROUTE);
            if (camel.getRoute("feed-grid-mirror") != null) {
                camel.getRouteController().stopRoute("feed-grid-mirror");
                camel.removeRoute("feed-grid-mirror");
            }
            HubHttp.writeAtOnce(REGISTRY, registry);
        }
    }

    @Test
    void theExchangeDatabaseFailingTakesOnlyThePetitionFeedDownAndItsWaitingRowsAreTakenOnceItIsBack() {
        exchange.execute("ALTER TABLE XF_JBXX_EXCHANGE RENAME TO XF_JBXX_EXCHANGE_AWAY");
        String xfjbh = newXfjbh();
        try {
            await().atMost(PATIENCE).until(() -> "failing".equals(feed("provincial-petition").path("state").asText()));
            assertThat(feed("provincial-petition").path("lag").path("value").isNull()).as("rows waiting unknown").isTrue();
            assertThat(health("/actuator/health/feeds/provincial-petition").path("status").asText()).isEqualTo("DOWN");
            assertThat(health("/actuator/health/feeds/public-safety").path("status").asText()).isEqualTo("UP");
            JsonNode readiness = HubHttp.json(anonymous("/actuator/health/readiness"));
            assertThat(readiness.path("status").asText()).isEqualTo("UP");
            assertThat(readiness.path("components").fieldNames()).toIterable()
                    .as("the exchange database is a source, not a condition of readiness")
                    .containsExactlyInAnyOrder("readinessState", "indexDatabase");
            ExchangeSamples.insertNew(exchange, "XF_JBXX_EXCHANGE_AWAY", xfjbh, LocalDateTime.parse("2026-11-24T10:00:00"));
        } finally {
            exchange.execute("ALTER TABLE XF_JBXX_EXCHANGE_AWAY RENAME TO XF_JBXX_EXCHANGE");
        }

        await().atMost(PATIENCE).until(() -> stored("provincial-petition", xfjbh));
        await().atMost(PATIENCE).until(() -> "UP".equals(health("/actuator/health/feeds/provincial-petition").path("status").asText()));
        assertThat(feed("provincial-petition").path("lag").path("kind").asText()).isEqualTo("rows waiting");
    }

    @Test
    void aFeedWhoseBatchesKeepFailingIsStuckAndDownWithTheErrorUntilABatchIsStored(@Autowired FeedProperties feeds,
            @Autowired FeedActivity activity, @Autowired List<SourceAdapter> adapters, @Autowired FeedStatistics statistics,
            @Autowired UnitQueueDepths unitQueues, @Autowired BrokerStorage broker, @Autowired UnmappedCodeHealth unmapped,
            @Autowired OpsProperties ops, @Autowired DedupRepository dedup) {
        // the hub's own health, judging stuck after 1 s instead of 5 min
        OpsProperties quick = new OpsProperties(ops.flowingWindow(), Duration.ofMillis(100), ops.deliveryWindow(), ops.outboxAlarm(),
                ops.unitQueueAlarm(), ops.lagTimeout(), ops.gaugePeriod(), ops.brokerDiskWarningMargin(), Duration.ofSeconds(1),
                ops.brokerRefresh());
        FeedHealth health = new FeedHealth(feeds, camel, activity, adapters, statistics, unitQueues, broker, unmapped, quick,
                new SimpleMeterRegistry(), dedup, Clock.systemUTC());
        // the pipeline's error handler reporting a batch of the feed that the index could not store
        Exchange batch = new DefaultExchange(camel);
        batch.getMessage().setBody(List.of(new FeedRecord("provincial-petition", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of(), Instant.now())));
        activity.received(batch);
        batch.setException(new CannotGetJdbcConnectionException("Connection refused"));
        activity.process(batch);

        await().atMost(PATIENCE).untilAsserted(() -> {
            FeedHealth.FeedView petition = health.snapshot().feed("provincial-petition").orElseThrow();
            assertThat(petition.state()).isEqualTo(FeedHealth.STUCK);
            assertThat(petition.up()).isFalse();
            assertThat(petition.reason()).contains("while input waits").contains("Connection refused");
            assertThat(health.snapshot().alarms()).anyMatch(a -> a.startsWith("provincial-petition is stuck"));
        });

        batch.setException(null);
        batch.getMessage().setBody(Map.of(StoreOutcome.CREATED, 1));
        activity.stored(batch);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                health.snapshot().feed("provincial-petition").orElseThrow().state()).isNotEqualTo(FeedHealth.STUCK));
    }

    @Test
    void aFeedSilentLongerThanItsExpectedCadenceRaisesTheSilenceAlarm() throws IOException {
        String registry = Files.readString(REGISTRY);
        try {
            HubHttp.writeAtOnce(REGISTRY, registry.replace("expected-cadence: PT2H", "expected-cadence: PT1S"));
            await().atMost(PATIENCE).until(() -> feed("provincial-petition").path("silence").path("alarm").asBoolean());
            JsonNode silence = feed("provincial-petition").path("silence");
            assertThat(silence.path("expectedCadence").asText()).isEqualTo("PT1S");
            assertThat(silence.path("silentSeconds").asLong()).isGreaterThan(1);
            await().atMost(PATIENCE).until(() -> http.get("/api/feeds", TestClients.READER_KEY).body()
                    .contains("provincial-petition has been silent"));
            assertThat(feed("public-safety").path("silence").path("alarm").asBoolean()).as("PT30M not passed").isFalse();
        } finally {
            HubHttp.writeAtOnce(REGISTRY, registry);
        }
        await().atMost(PATIENCE).until(() -> !feed("provincial-petition").path("silence").path("alarm").asBoolean());
    }

    @Test
    void theFeedsListShowsThroughputLagAndLastRecordOfEveryFeedWithTheOutboxAndUnitQueues() {
        String eventId = GridEvents.newEventId();
        grid.send(eventId, GridEvents.event(eventId, 1, "MD-LL"));
        await().atMost(PATIENCE).until(() -> stored("public-safety", eventId));
        await().atMost(PATIENCE).until(() -> feed("public-safety").path("perMinute").path("published").asLong() > 0);

        HttpResponse<String> response = http.get("/api/feeds", TestClients.READER_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = HubHttp.json(response);
        assertThat(list.path("feeds").findValuesAsText("id")).contains("public-safety", "livelihood", "provincial-petition");
        JsonNode safety = feed("public-safety");
        assertThat(safety.path("state").asText()).isEqualTo("flowing");
        assertThat(safety.path("perMinute").path("received").asLong()).isPositive();
        assertThat(safety.path("perMinute").path("stored").asLong()).isPositive();
        assertThat(safety.path("sparkline")).hasSize(30);
        assertThat(safety.path("lastRecordAt").asText()).isNotEmpty();
        assertThat(safety.path("lag").path("kind").asText()).isEqualTo("consumer lag");
        await().atMost(PATIENCE).until(() -> feed("public-safety").path("lag").path("value").asLong(-1) == 0);
        assertThat(feed("livelihood").path("lag").path("kind").asText()).isEqualTo("watermark age");
        assertThat(list.path("unitQueues").path("available").asBoolean()).isTrue();
        await().atMost(PATIENCE).until(() -> HubHttp.json(http.get("/api/feeds", TestClients.READER_KEY))
                .path("unitQueues").path("messages").asLong() > 0);
        assertThat(list.path("outboxAlarmThreshold").asLong()).isEqualTo(10000);
    }

    @Test
    void aFeedsDetailsNeedAKeyWhileItsHealthStatusIsOpen() {
        assertThat(anonymous("/api/feeds").statusCode()).isEqualTo(401);
        JsonNode anonymous = HubHttp.json(anonymous("/actuator/health/feeds/public-safety"));
        assertThat(anonymous.path("status").asText()).isNotEmpty();
        assertThat(anonymous.has("details")).isFalse();
        assertThat(health("/actuator/health/feeds/public-safety").path("details").path("state").asText()).isNotEmpty();
    }

    @Test
    void prometheusShowsCamelRouteMetricsAndTheFeedsCountersAndGaugesWithoutAKey() throws IOException {
        String eventId = GridEvents.newEventId();
        grid.send(eventId, GridEvents.event(eventId, 1, "MD-LL"));
        await().atMost(PATIENCE).until(() -> stored("public-safety", eventId));

        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> response = anonymous("/actuator/prometheus");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains("camel_exchanges_total{")
                    .containsPattern("casehub_feed_received_total\\{[^}]*feed=\"public-safety\"")
                    .containsPattern("casehub_feed_records_total\\{[^}]*outcome=\"created\"")
                    .contains("casehub_feed_batch_seconds_count{")
                    .containsPattern("casehub_feed_up\\{[^}]*feed=\"livelihood\"")
                    .contains("casehub_feed_lag{")
                    .contains("casehub_outbox_pending{")
                    .contains("casehub_unit_queue_messages");
        });
        // every metric the Grafana dashboard plots is there
        String prometheus = anonymous("/actuator/prometheus").body();
        Matcher names = Pattern.compile("\\b((?:casehub|camel|cache)_[a-z_]+)\\{")
                .matcher(Files.readString(Path.of("config/dashboards/casehub-feeds.json")));
        int plotted = 0;
        while (names.find()) {
            assertThat(prometheus).as("dashboard metric " + names.group(1)).contains(names.group(1) + "{");
            plotted++;
        }
        assertThat(plotted).isGreaterThan(10);
    }

    @Test
    void theStatusSummaryIsOpenAndCarriesNoPersonalData() {
        String eventId = GridEvents.newEventId();
        grid.send(eventId, GridEvents.event(eventId, 1, "MD-LL"));
        await().atMost(PATIENCE).until(() -> stored("public-safety", eventId));

        HttpResponse<String> response = anonymous("/status.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode summary = HubHttp.json(response);
        assertThat(summary.path("feeds").findValuesAsText("id")).contains("public-safety", "livelihood", "provincial-petition");
        assertThat(summary.path("deliveries").path("tiers").findValuesAsText("tier"))
                .containsExactly("province", "city", "district", "street", "community");
        assertThat(summary.path("dedup").fieldNames()).toIterable().contains("merged", "possible", "related");
        // the test records' party, reporter and their numbers
        assertThat(response.body()).doesNotContain("马斌", "肖军艳", "44030419940328607X", "17633355261", "周娜", "17747636337");
    }

    private JsonNode feed(String id) {
        HttpResponse<String> response = http.get("/api/feeds/" + id, TestClients.READER_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return HubHttp.json(response);
    }

    private HttpResponse<String> anonymous(String path) {
        return http.send("GET", path, Map.of(), HttpRequest.BodyPublishers.noBody());
    }

    private JsonNode health(String path) {
        return HubHttp.json(http.get(path, TestClients.OPERATOR_KEY));
    }

    private boolean stored(String feed, String recordId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = ? AND record_id = ?", Integer.class,
                feed, recordId) > 0;
    }

    private static String newXfjbh() {
        return "448" + String.format("%017d", SEQUENCE.incrementAndGet());
    }
}
