package org.casehub.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.ops.FeedReloads;
import org.casehub.security.TestClients;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The quarantine API on the running hub: 12345 work orders pushed with a matter type the code list does not know
 * are quarantined; operators list and show them (masked), replay them once the code list is fixed — one case each,
 * exactly once —, see a replay that fails again update its row, discard with a reason; every action audited.
 */
class QuarantineIT extends HubTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** a strict code list: its unknown codes quarantine (an unknown matterType falls back to its class instead) */
    private static final Path CHANNELS = HOME.resolve("mappings/codes/livelihood.channel.json");
    private static final String OPERATOR = TestClients.OPERATOR_KEY;

    @LocalServerPort
    int port;

    @Autowired
    FeedReloads reloads;

    private HubHttp http;
    private Map<String, String> webhook;

    @BeforeEach
    void client() {
        http = new HubHttp(port);
        webhook = webhookHeaders();
    }

    @Test
    void aRecordWithAnUnknownCodeIsListedShownMaskedAndAfterTheFixReplayedIntoOneCaseExactlyOnce() throws IOException {
        String channel = newChannel();
        ObjectNode order = order(channel);
        long id = quarantined(order);

        HttpResponse<String> listed = get("/api/quarantine?feed=livelihood&stage=code-list&state=open&reason="
                + java.net.URLEncoder.encode(channel, StandardCharsets.UTF_8));
        assertThat(listed.headers().map()).as("the query is not echoed in the answer's headers")
                .doesNotContainKeys("feed", "stage", "state", "reason", "X-Api-Key");
        JsonNode page = ok(listed);
        assertThat(page.path("items")).hasSize(1);
        JsonNode item = page.path("items").get(0);
        assertThat(item.path("id").asLong()).isEqualTo(id);
        assertThat(item.path("recordId").asText()).isEqualTo(order.path("orderNo").asText());
        assertThat(item.path("position").path("webhook").asText()).isEqualTo("/ingest/livelihood");

        HttpResponse<String> shown = get("/api/quarantine/" + id);
        JsonNode record = ok(shown);
        assertThat(record.path("reasons").toString()).contains(channel);
        JsonNode payload = record.path("payload").path("json");
        assertThat(payload.path("citizen").path("name").asText()).isEqualTo("周*");
        String mobile = FakeWorkOrderPlatform.mobileOf(order.path("orderNo").asText());
        assertThat(payload.path("citizen").path("mobile").asText()).isEqualTo("177****" + mobile.substring(7));
        assertThat(payload.path("title").asText()).isEqualTo("夜间施工噪声扰民");
        assertThat(shown.body()).doesNotContain(mobile).doesNotContain("周娜");
        assertThat(http.get("/api/quarantine/" + id, TestClients.READER_KEY).statusCode()).isEqualTo(403);

        addChannel(channel);
        JsonNode replayed = ok(post("/api/quarantine/" + id + "/replay", ""));

        assertThat(replayed.path("state").asText()).isEqualTo("replayed");
        assertThat(replayed.path("replayOutcome").asText()).as(() -> "joined with " + jdbc.queryForList(
                "SELECT l.case_id, l.features, s.feed, s.record_id, s.canonical_json FROM case_link l JOIN source_record s ON s.case_id = l.case_id"
                        + " WHERE l.record_id = ?", order.path("orderNo").asText())).isEqualTo("CREATED");
        String caseId = replayed.path("caseId").asText();
        assertThat(jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = 'livelihood' AND record_id = ?",
                String.class, order.path("orderNo").asText())).isEqualTo(caseId);
        assertThat(events(caseId)).isEqualTo(1);
        assertThat(post("/api/quarantine/" + id + "/replay", "").statusCode()).isEqualTo(409);
        // the source sending the same version again changes nothing: one case, one event
        assertThat(http.post("/ingest/livelihood", webhook, order.toString()).statusCode()).isEqualTo(202);
        assertThat(events(caseId)).isEqualTo(1);

        assertThat(audited("quarantine.replay", "quarantine:" + id)).containsExactly("success");
        assertThat(audited("operator.request", "POST /api/quarantine/" + id + "/replay")).containsExactly("success", "failed");
        assertThat(audited("operator.request", "GET /api/quarantine/" + id)).containsExactly("success");
    }

    @Test
    void aReplayThatFailsAgainUpdatesItsRowInsteadOfAddingOne() throws IOException {
        ObjectNode order = order(newChannel());
        long id = quarantined(order);

        JsonNode again = ok(post("/api/quarantine/" + id + "/replay", ""));

        assertThat(again.path("state").asText()).isEqualTo("open");
        assertThat(again.path("replayCount").asInt()).isEqualTo(1);
        assertThat(again.path("replayOutcome").asText()).isEqualTo("QUARANTINED");
        assertThat(again.path("stage").asText()).isEqualTo("code-list");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = 'livelihood' AND record_id = ?",
                Integer.class, order.path("orderNo").asText())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id = ?",
                Integer.class, order.path("orderNo").asText())).isZero();
        assertThat(audited("quarantine.replay", "quarantine:" + id)).containsExactly("failed");
    }

    @Test
    void aDiscardNeedsAReasonIsFinalAndAuditedWithTheReasonMasked() throws IOException {
        long id = quarantined(order(newChannel()));

        assertThat(post("/api/quarantine/" + id + "/discard", "{}").statusCode()).isEqualTo(400);
        JsonNode discarded = ok(post("/api/quarantine/" + id + "/discard",
                "{\"reason\": \"test order, citizen 17747636337 called it off\"}"));

        assertThat(discarded.path("state").asText()).isEqualTo("discarded");
        assertThat(discarded.path("stateReason").asText()).isEqualTo("test order, citizen 177****6337 called it off");
        assertThat(discarded.path("stateChangedBy").asText()).isEqualTo("it-operator");
        assertThat(post("/api/quarantine/" + id + "/discard", "{\"reason\": \"again\"}").statusCode()).isEqualTo(409);
        assertThat(post("/api/quarantine/" + id + "/replay", "").statusCode()).isEqualTo(409);
        assertThat(get("/api/quarantine/999999999").statusCode()).isEqualTo(404);
        assertThat(audited("quarantine.discard", "quarantine:" + id)).containsExactly("success");
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_log WHERE action = 'quarantine.discard' AND target = ?",
                String.class, "quarantine:" + id)).contains("177****6337").doesNotContain("17747636337");
    }

    @Test
    void manyRecordsAreReplayedInTheBackgroundReportingProgressAndEachBecomesOneCase() throws IOException {
        String channel = newChannel();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(quarantined(order(channel)));
        }
        addChannel(channel);

        HttpResponse<String> started = post("/api/quarantine/replays", "{\"ids\": " + ids + "}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(HubHttp.json(started).path("total").asInt()).isEqualTo(5);
        await().atMost(PATIENCE).until(() -> ok(get(location)).path("state").asText().equals("finished"));
        JsonNode job = ok(get(location));
        assertThat(job.path("done").asInt()).isEqualTo(5);
        assertThat(job.path("passed").asInt()).isEqualTo(5);
        assertThat(job.path("failed").asInt()).isZero();
        for (long id : ids) {
            JsonNode row = ok(get("/api/quarantine/" + id));
            assertThat(row.path("state").asText()).isEqualTo("replayed");
            assertThat(events(row.path("caseId").asText())).isEqualTo(1);
        }
        assertThat(audited("quarantine.replay", "quarantine-replay:" + job.path("id").asText())).containsExactly("success");
        assertThat(post("/api/quarantine/replays", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void aPayloadWithBadUtf8IsShownWithTheBadBytesMarkedAndStillMasked() {
        byte[] good = "{\"eventId\": \"%s\", \"content\": \"电话17747636337 \"}".formatted(GridEvents.newEventId())
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[good.length + 2];
        System.arraycopy(good, 0, bad, 0, good.length - 2);
        bad[good.length - 2] = (byte) 0xC3;
        bad[good.length - 1] = (byte) 0x28;
        System.arraycopy(good, good.length - 2, bad, good.length, 2);
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM quarantine", Long.class);
        try (GridEvents grid = new GridEvents(bootstrapServers())) {
            grid.send(null, bad);
        }
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE id > ?"
                + " AND feed = 'public-safety' AND stage = 'decode'", Integer.class, before) == 1);
        long id = jdbc.queryForObject("SELECT MAX(id) FROM quarantine WHERE feed = 'public-safety'", Long.class);

        HttpResponse<String> shown = get("/api/quarantine/" + id);

        JsonNode payload = ok(shown).path("payload");
        assertThat(payload.path("problems").get(0).asText()).contains("not valid UTF-8").contains("byte offset");
        assertThat(payload.path("json").path("content").asText()).contains("177****6337").contains("\uFFFD");
        assertThat(shown.body()).doesNotContain("17747636337");
    }

    @Test
    void theListIsPagedWithACursorAndFiltersByTime() throws IOException {
        String channel = newChannel();
        Instant before = Instant.now().minusSeconds(1);
        long first = quarantined(order(channel));
        long second = quarantined(order(channel));
        String query = "/api/quarantine?feed=livelihood&reason=" + java.net.URLEncoder.encode(channel, StandardCharsets.UTF_8)
                + "&receivedFrom=" + before + "&limit=1";

        JsonNode one = ok(get(query));
        JsonNode two = ok(get(query + "&cursor=" + one.path("nextCursor").asText()));

        assertThat(one.path("items").get(0).path("id").asLong()).isEqualTo(first);
        assertThat(two.path("items").get(0).path("id").asLong()).isEqualTo(second);
        assertThat(two.path("nextCursor").isNull()).isTrue();
        assertThat(ok(get(query.replace("receivedFrom", "receivedTo"))).path("items")).isEmpty();
        assertThat(get("/api/quarantine?cursor=nonsense").statusCode()).isEqualTo(400);
        assertThat(get("/api/openapi.json").body()).contains("/api/quarantine/replays/{jobId}", "/api/quarantine/{id}/discard");
    }

    private long quarantined(ObjectNode order) {
        HttpResponse<String> refused = http.post("/ingest/livelihood", webhook, order.toString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        return jdbc.queryForObject("SELECT MAX(id) FROM quarantine WHERE feed = 'livelihood' AND record_id = ?", Long.class,
                order.path("orderNo").asText());
    }

    /** A channel no code list knows, new for each test. */
    private static String newChannel() {
        return "试验渠道" + System.nanoTime() % 1_000_000 + "-" + SEQUENCE.incrementAndGet();
    }

    private static ObjectNode order(String channel) {
        ObjectNode order = FakeWorkOrderPlatform.order(String.format("GD12345-20261125-%06d", 800_000 + SEQUENCE.incrementAndGet()),
                "2026-11-25 09:30:00", "已派单");
        order.put("channel", channel);
        return order;
    }

    /** The code list fixed as an integrator fixes it: the file of the home folder, hot-reloaded. */
    private void addChannel(String channel) throws IOException {
        Instant since = Instant.now();
        String list = Files.readString(CHANNELS, StandardCharsets.UTF_8);
        HubHttp.writeAtOnce(CHANNELS, list.replaceFirst("\\{", "{\n  \"" + channel + "\": \"hotline\","));
        await().atMost(PATIENCE).until(() -> reloads.last("livelihood")
                .filter(r -> r.file().endsWith("livelihood.channel.json") && r.outcome().equals("accepted")
                        && !Instant.parse(r.at()).isBefore(since))
                .isPresent());
    }

    private int events(String caseId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM case_event WHERE case_id = ?", Integer.class, caseId);
    }

    private List<String> audited(String action, String target) {
        return jdbc.queryForList("SELECT outcome FROM audit_log WHERE action = ? AND target = ? AND client_id = 'it-operator'"
                + " ORDER BY id", String.class, action, target);
    }

    private HttpResponse<String> get(String path) {
        return http.get(path, OPERATOR);
    }

    private HttpResponse<String> post(String path, String body) {
        return http.post(path, Map.of("X-Api-Key", OPERATOR, "Content-Type", "application/json"), body);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return HubHttp.json(response);
    }
}
