package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests built to hurt, on the running hub: each answered with a 4xx and a reason (never a 500), carrying the
 * caller's request id, leaving an audit row where it is refused, and showing no personal data where it is stored.
 */
class HostileRequestsIT extends HubTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort
    int port;

    private HubHttp http;

    @BeforeEach
    void client() {
        http = new HubHttp(port);
    }

    private static String newOrderNo() {
        return String.format("GD12345-20261122-%06d", 810_000 + SEQUENCE.incrementAndGet());
    }

    private Map<String, String> operator() {
        return Map.of("X-Api-Key", TestClients.OPERATOR_KEY, "Content-Type", "application/json");
    }

    private HttpResponse<String> push(String body, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(webhookHeaders());
        headers.putAll(extra);
        return http.post("/ingest/livelihood", headers, body);
    }

    private long quarantineId(String orderNo) {
        return jdbc.queryForObject("SELECT MAX(id) FROM quarantine WHERE feed = 'livelihood' AND record_id = ?",
                Long.class, orderNo);
    }

    @Test
    void aRefusedWebhookPushKeepsTheCallersRequestIdInItsHeaderAndBody() {
        ObjectNode order = FakeWorkOrderPlatform.order(newOrderNo(), "2026-11-22 10:00:00", "已派单");
        order.put("acceptTime", "2099-01-01 09:00:00"); // refused: dates

        HttpResponse<String> response = push(order.toString(), Map.of("X-Request-Id", "sender-4711.a"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("sender-4711.a");
        assertThat(HubHttp.json(response).path("requestId").asText()).isEqualTo("sender-4711.a");
    }

    @Test
    void aRefusedWebhookPushWithoutARequestIdGetsOneInItsHeaderAndBody() {
        HttpResponse<String> response = push("{\"orderNo\": 1", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(HubHttp.json(response).path("requestId").asText()).isEqualTo(id);
    }

    @Test
    void aRequestIdThatIsNotATokenIsReplacedNotEchoed() {
        HttpResponse<String> response = push("{}", Map.of("X-Request-Id", "a b<script>" + "x".repeat(80)));

        assertThat(response.headers().firstValue("X-Request-Id").orElseThrow()).doesNotContain("script").hasSizeLessThan(65);
    }

    @Test
    void aWorkOrderNamingItsOrderNoTwiceIsRefusedNotStoredUnderTheLastOne() {
        String first = newOrderNo();
        String second = newOrderNo();
        String order = FakeWorkOrderPlatform.order(first, "2026-11-22 10:00:00", "已派单").toString();
        String twice = order.substring(0, order.length() - 1) + ", \"orderNo\": \"" + second + "\"}";

        HttpResponse<String> response = push(twice, Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(HubHttp.json(response).path("errors").toString()).contains("duplicate key \\\"orderNo\\\"");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id IN (?, ?)",
                Integer.class, first, second)).isZero();
    }

    @Test
    void anExtremeCreatedFromIsA400WithTheReason() {
        HttpResponse<String> response = http.get("/api/cases?createdFrom=%2B999999999-01-01T00:00:00Z",
                TestClients.READER_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(HubHttp.json(response).path("message").asText()).contains("createdFrom");
    }

    @Test
    void aDeeplyNestedBodyOnReplaysIsA400() {
        String deep = "{\"ids\": " + "[".repeat(50_000) + "]".repeat(50_000) + "}";

        HttpResponse<String> response = http.post("/api/quarantine/replays", operator(), deep);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(HubHttp.json(response).path("requestId").isTextual()).isTrue();
    }

    @Test
    void aBodyThatIsNotJsonOnDiscardIsA400() {
        ObjectNode order = FakeWorkOrderPlatform.order(newOrderNo(), "2026-11-22 10:00:00", "已派单");
        order.put("acceptTime", "2099-01-01 09:00:00"); // refused: dates
        push(order.toString(), Map.of());
        long id = quarantineId(order.path("orderNo").asText());

        HttpResponse<String> response = http.post("/api/quarantine/" + id + "/discard", operator(), "reason: because");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(HubHttp.json(response).path("message").asText()).contains("JSON");
    }

    @Test
    void aDryRunBodyAboveTheApiCapIsRefused413BeforeItIsRead() {
        byte[] big = new byte[12 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');

        HttpResponse<String> response = http.send("POST", "/api/feeds/livelihood/dry-run",
                Map.of("X-Api-Key", TestClients.READER_KEY, "Content-Type", "application/json"),
                HttpRequest.BodyPublishers.ofByteArray(big));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(HubHttp.json(response).path("message").asText()).contains("casehub.ingest.max-api-body");
    }

    @Test
    void personalDataRefused403IsAudited() {
        String orderNo = newOrderNo();
        assertThat(push(FakeWorkOrderPlatform.order(orderNo, "2026-11-22 10:00:00", "已派单").toString(), Map.of())
                .statusCode()).isEqualTo(202);
        String caseId = jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = 'livelihood' AND record_id = ?",
                String.class, orderNo);

        HttpResponse<String> response = http.get("/api/cases/" + caseId + "?personalData=true", TestClients.READER_KEY);

        assertThat(response.statusCode()).isEqualTo(403);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(jdbc.queryForList("SELECT outcome FROM audit_log WHERE action = 'authorization.denied'"
                + " AND client_id = 'it-reader' AND request_id = ?", String.class, requestId)).containsExactly("denied");
    }

    @Test
    void theQuarantineViewMasksMalformedPhonesAndTheNamesOfAPayloadThatIsNotJson() {
        String orderNo = newOrderNo();
        String notJson = "{\"orderNo\": \"" + orderNo + "\", \"citizen\": {\"name\": \"欧阳锋\", \"mobile\": \"138123456789\"";
        assertThat(push(notJson, Map.of()).statusCode()).isEqualTo(400);
        long notJsonId = jdbc.queryForObject("SELECT MAX(id) FROM quarantine WHERE feed = 'livelihood' AND stage = 'decode'",
                Long.class);
        ObjectNode order = FakeWorkOrderPlatform.order(newOrderNo(), "2026-11-22 10:00:00", "已派单");
        order.put("acceptTime", "2099-01-01 09:00:00"); // refused: dates
        order.with("citizen").put("mobile", "138123456789").put("name", "欧阳锋");
        push(order.toString(), Map.of());
        long jsonId = quarantineId(order.path("orderNo").asText());

        for (long id : new long[] {notJsonId, jsonId}) {
            HttpResponse<String> shown = http.get("/api/quarantine/" + id, TestClients.OPERATOR_KEY);
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.body()).as("quarantine row " + id).doesNotContain("138123456789").doesNotContain("欧阳锋")
                    .contains("欧**");
        }
    }

    @Test
    void aPushedWorkOrderWithAMobileOfTwelveDigitsIsStoredWithThePhoneFlaggedAndUnmatched() {
        ObjectNode order = FakeWorkOrderPlatform.order(newOrderNo(), "2026-11-22 10:00:00", "已派单");
        order.with("citizen").put("mobile", "1381234567a");

        HttpResponse<String> response = push(order.toString(), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode person = HubHttp.json(http.get("/api/cases/" + jdbc.queryForObject(
                "SELECT case_id FROM source_record WHERE feed = 'livelihood' AND record_id = ?", String.class,
                order.path("orderNo").asText()), TestClients.READER_KEY)).at("/case/persons/0");
        assertThat(person.path("phoneValid").asBoolean(true)).isFalse();
        assertThat(person.has("phoneHash")).isFalse();
        assertThat(person.toString()).doesNotContain("1381234567");
    }

    @Test
    void aWorkOrderRegisteredIn2099IsQuarantinedNamingTheDate() {
        ObjectNode order = FakeWorkOrderPlatform.order(newOrderNo(), "2026-11-22 10:00:00", "已派单");
        order.put("acceptTime", "2099-01-01 09:00:00");

        HttpResponse<String> response = push(order.toString(), Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(HubHttp.json(response).path("stage").asText()).isEqualTo("dates");
        assertThat(HubHttp.json(response).path("errors").get(0).asText()).startsWith("reportedAt 2099-01-01T09:00");
        assertThat(new String(response.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).contains("future");
    }
}
