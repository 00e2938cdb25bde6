package org.casehub.unmapped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.embedded.FreePorts;
import org.casehub.ops.ArtemisStorageHealth;
import org.casehub.security.TestClients;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.HubHttp;
import org.casehub.support.HubInstances;
import org.casehub.support.WorkOrderMonth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * A month of 12345 orders whose 小类 mostly are not in the shipped matterType list, pulled by a hub of its own (its
 * share of fallbacks raises the alarm, which the shared test hub must not see): none is quarantined for its
 * classification, every one is indexed, the fallbacks are counted exactly, shown, measured and alarmed on, listed for
 * operators; and once a code is added, an operator's re-map changes exactly the cases that took its fallback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnmappedCodesIT {

    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final String LIST = "livelihood.matterType";
    private static final int ORDERS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path data = HubInstances.freshDataFolder();
    private final Path home = HubInstances.homeCopy();
    private final FakeWorkOrderPlatform platform = FakeWorkOrderPlatform.start();
    private final List<ObjectNode> month = WorkOrderMonth.of(ORDERS, 16).orders();
    /** per matterType the shipped list does not have, the orders that carry it */
    private final Map<String, Integer> unknown = new TreeMap<>();
    private ConfigurableApplicationContext hub;
    private JdbcTemplate index;
    private HubHttp http;

    @BeforeAll
    void start() throws Exception {
        JsonNode shipped = JSON.readTree(Files.readString(Path.of("mappings/codes/" + LIST + ".json")));
        for (ObjectNode order : month) {
            String matter = order.path("matterType").asText();
            if (!shipped.has(matter)) {
                unknown.merge(matter, 1, Integer::sum);
            }
            platform.putNow(order);
        }
        Map<String, Object> properties = HubInstances.properties(data, home, FreePorts.free(), FreePorts.free(),
                platform.baseUrl(), HubInstances.database());
        properties.put("casehub.livelihood.page-size", 200);
        hub = HubInstances.start(properties);
        index = hub.getBean(JdbcTemplate.class);
        http = new HubHttp(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
        FileSystemUtils.deleteRecursively(data.toFile());
        FileSystemUtils.deleteRecursively(home.toFile());
    }

    private int count(String sql, Object... args) {
        return index.queryForObject(sql, Integer.class, args);
    }

    private int withFallback() {
        return unknown.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    @Order(1)
    void aMonthOfOrdersOfAnUnshippedTaxonomyIsIndexedWholeAndItsFallbacksCountedExactly() {
        assertThat(withFallback()).as("most of the month's 小类 are not shipped").isGreaterThan(ORDERS / 2);

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood'") == ORDERS);

        assertThat(count("SELECT COUNT(*) FROM quarantine")).as("nothing quarantined").isZero();
        assertThat(count("SELECT COUNT(*) FROM processed_id WHERE idempotency_key LIKE 'livelihood:%'")).isEqualTo(ORDERS);
        assertThat(count("SELECT SUM(stored) FROM unmapped_share WHERE feed = 'livelihood'")).isEqualTo(ORDERS);
        assertThat(count("SELECT SUM(with_fallback) FROM unmapped_share WHERE feed = 'livelihood'")).isEqualTo(withFallback());
        assertThat(count("SELECT COUNT(*) FROM unmapped_record WHERE feed = 'livelihood'")).isEqualTo(withFallback());
        Map<String, Integer> counted = new TreeMap<>();
        index.query("SELECT code, records FROM unmapped_code WHERE feed = 'livelihood' AND list_name = ?",
                rs -> {
                    counted.put(rs.getString(1), rs.getInt(2));
                }, LIST);
        assertThat(counted).isEqualTo(unknown);
        assertThat(count("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND canonical_json LIKE ?",
                "%\"unmappedCodes\"%")).isEqualTo(withFallback());
    }

    @Test
    @Order(2)
    void theFeedsShareIsShownMeasuredAndAlarmedAndTheCodesListedForOperatorsOnly() {
        JsonNode livelihood = await().atMost(PATIENCE).until(() -> feed(), f -> f.path("unmapped").path("withFallback").asInt()
                == withFallback());
        assertThat(livelihood.path("unmapped").path("stored").asInt()).isEqualTo(ORDERS);
        assertThat(livelihood.path("unmapped").path("alarm").asBoolean()).isTrue();
        JsonNode feeds = HubHttp.json(http.get("/api/feeds", TestClients.OPERATOR_KEY));
        assertThat(feeds.path("alarms").toString()).contains("livelihood: " + withFallback() + " of " + ORDERS);
        assertThat(HubHttp.json(http.get("/actuator/health/feeds/livelihood", TestClients.OPERATOR_KEY)).path("status").asText())
                .isEqualTo(ArtemisStorageHealth.WARNING);
        assertThat(HubHttp.json(http.get("/status.json", TestClients.READER_KEY)).toString()).contains("\"withFallback\":"
                + withFallback());
        String metrics = http.get("/actuator/prometheus", TestClients.OPERATOR_KEY).body();
        assertThat(metrics).containsPattern("casehub_feed_unmapped_records\\{[^}]*feed=\"livelihood\"[^}]*} " + withFallback())
                .containsPattern("casehub_feed_unmapped_alarm\\{[^}]*feed=\"livelihood\"[^}]*} 1.0");

        JsonNode codes = HubHttp.json(http.get("/api/unmapped-codes?list=" + LIST, TestClients.OPERATOR_KEY));
        assertThat(codes.path("items")).hasSize(unknown.size());
        JsonNode first = codes.path("items").get(0);
        assertThat(first.path("records").asInt()).isEqualTo(unknown.get(first.path("code").asText()));
        assertThat(first.path("recordsNow").asInt()).isEqualTo(first.path("records").asInt());
        assertThat(first.path("firstSeen").asText()).isNotEmpty();
        assertThat(first.path("lastSeen").asText()).isNotEmpty();
        assertThat(http.get("/api/unmapped-codes", TestClients.READER_KEY).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/openapi.json", TestClients.OPERATOR_KEY).body())
                .contains("/api/unmapped-codes", "/api/unmapped-codes/remap", "/api/unmapped-codes/remaps/{jobId}");
    }

    @Test
    @Order(3)
    void afterACodeIsAddedAnOperatorsRemapChangesExactlyItsCasesAndPublishesAnEventForEach() throws Exception {
        String code = "数字政务/一网通办";
        int carrying = unknown.get(code);
        Set<String> cases = new HashSet<>(index.queryForList("SELECT s.case_id FROM source_record s JOIN unmapped_record u"
                + " ON u.feed = s.feed AND u.record_id = s.record_id WHERE u.code = ?", String.class, code));
        assertThat(count("SELECT COUNT(*) FROM hub_case WHERE case_id IN (SELECT s.case_id FROM source_record s JOIN"
                + " unmapped_record u ON u.feed = s.feed AND u.record_id = s.record_id WHERE u.code = ?) AND category = 'other'",
                code)).isEqualTo(cases.size());
        int operatorEvents = count("SELECT COUNT(*) FROM case_event WHERE source = '/casehub/operators'");

        Path list = home.resolve("mappings/codes/" + LIST + ".json");
        HubHttp.writeAtOnce(list, Files.readString(list).replaceFirst("\"其他\": ",
                "\"" + code + "\": {\"category\": \"legal\", \"lawRelated\": true},\n  \"其他\": "));
        ObjectNode probe = month.stream().filter(o -> code.equals(o.path("matterType").asText())).findFirst().orElseThrow();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(HubHttp.json(http.post("/api/feeds/livelihood/dry-run",
                Map.of("X-Api-Key", TestClients.OPERATOR_KEY, "Content-Type", "application/json"), probe.toString()))
                .at("/results/0/case/category").asText()).isEqualTo("legal"));

        HttpResponse<String> started = http.post("/api/unmapped-codes/remap",
                Map.of("X-Api-Key", TestClients.OPERATOR_KEY, "Content-Type", "application/json"),
                JSON.createObjectNode().put("list", LIST).put("code", code).toString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        JsonNode job = await().atMost(PATIENCE).until(() -> HubHttp.json(http.get(location, TestClients.OPERATOR_KEY)),
                j -> !"running".equals(j.path("state").asText()));

        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("finished");
        assertThat(job.path("total").asInt()).isEqualTo(carrying);
        assertThat(job.path("changed").asInt()).isEqualTo(carrying);
        assertThat(job.path("failed").asInt()).isZero();
        assertThat(count("SELECT COUNT(*) FROM unmapped_record WHERE code = ?", code)).isZero();
        for (String caseId : cases) {
            assertThat(index.queryForObject("SELECT category FROM hub_case WHERE case_id = ?", String.class, caseId))
                    .isEqualTo("legal");
            assertThat(index.queryForObject("SELECT law_related FROM hub_case WHERE case_id = ?", Boolean.class, caseId)).isTrue();
        }
        assertThat(count("SELECT COUNT(*) FROM case_event WHERE source = '/casehub/operators'") - operatorEvents)
                .as("an event for every case that changed").isGreaterThanOrEqualTo(cases.size());
        // the job reads finished a moment before its audit entry is written (UnmappedCodeRemaps.end)
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action ="
                + " 'unmapped-codes.remap' AND target = ?", "remap:" + job.path("id").asText())).isEqualTo(1));
        assertThat(count("SELECT COUNT(*) FROM unmapped_record")).isEqualTo(withFallback() - carrying);
    }

    private JsonNode feed() {
        for (JsonNode feed : HubHttp.json(http.get("/api/feeds", TestClients.OPERATOR_KEY)).path("feeds")) {
            if ("livelihood".equals(feed.path("id").asText())) {
                return feed;
            }
        }
        return JSON.createObjectNode();
    }
}
