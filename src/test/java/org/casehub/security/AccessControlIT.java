package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Who may call what, through real HTTP on the running hub: the 401/403 matrix and its audit rows. */
class AccessControlIT extends HubTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    ApplicationContext context;

    @Test
    void anApiCallWithoutAKeyIs401WithAJsonBodyAndAnAuditRow() {
        HttpResponse<String> response = call("GET", "/api/me", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-Api-Key\"");
        JsonNode body = read(response);
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("message").asText()).isEqualTo("no X-Api-Key header");
        assertThat(body.path("requestId").asText()).isEqualTo(requestId(response));
        assertThat(auditRowOf(response)).containsEntry("action", "authentication.failed")
                .containsEntry("outcome", "denied").containsEntry("target", "GET /api/me")
                .containsEntry("client_id", null).containsEntry("detail", "no X-Api-Key header");
    }

    @Test
    void anUnknownKeyIs401AndAuditedWithoutTheKey() {
        HttpResponse<String> response = call("GET", "/api/me", Map.of("X-Api-Key", "not-a-key-of-anyone"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(read(response).path("message").asText()).isEqualTo("unknown API key");
        Map<String, Object> row = auditRowOf(response);
        assertThat(row).containsEntry("action", "authentication.failed").containsEntry("detail", "unknown API key");
        assertThat(row.values()).doesNotContain("not-a-key-of-anyone");
    }

    @Test
    void theKeyOfADisabledClientIs401() {
        assertThat(call("GET", "/api/me", Map.of("X-Api-Key", TestClients.DISABLED_KEY)).statusCode()).isEqualTo(401);
    }

    @Test
    void aReaderSeesItselfOnApiMeWithoutItsKeyHash() {
        HttpResponse<String> response = call("GET", "/api/me", Map.of("X-Api-Key", TestClients.READER_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = read(response);
        assertThat(me.path("id").asText()).isEqualTo("it-reader");
        assertThat(me.path("name").asText()).isEqualTo("IT 南山区 reader");
        assertThat(me.path("roles")).hasSize(1);
        assertThat(me.path("roles").get(0).asText()).isEqualTo("reader");
        assertThat(me.path("scope").path("code").asText()).isEqualTo("440305");
        assertThat(me.path("scope").path("kind").asText()).isEqualTo("district");
        assertThat(me.path("scope").path("name").asText()).isEqualTo("南山区");
        assertThat(me.path("personalData").asBoolean(true)).isFalse();
        assertThat(response.body()).doesNotContain(ClientRegistry.sha256Hex(TestClients.READER_KEY))
                .doesNotContain(TestClients.READER_KEY).doesNotContainIgnoringCase("key");
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
    }

    @Test
    void aZoneClientSeesItsZoneOnApiMe() {
        JsonNode me = read(call("GET", "/api/me", Map.of("X-Api-Key", TestClients.PERSONAL_DATA_KEY)));

        assertThat(me.path("scope").path("code").asText()).isEqualTo("4403SS");
        assertThat(me.path("scope").path("kind").asText()).isEqualTo("zone");
        assertThat(me.path("scope").path("name").asText()).isEqualTo("深汕特别合作区");
        assertThat(me.path("personalData").asBoolean()).isTrue();
    }

    @Test
    void aReaderCallingAnOperatorActionIs403AndAudited() {
        HttpResponse<String> response = call("GET", "/api/audit", Map.of("X-Api-Key", TestClients.READER_KEY));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(read(response).path("status").asInt()).isEqualTo(403);
        assertThat(auditRowOf(response)).containsEntry("action", "authorization.denied")
                .containsEntry("client_id", "it-reader").containsEntry("outcome", "denied")
                .containsEntry("target", "GET /api/audit").containsEntry("detail", "roles [reader]");
    }

    @Test
    void aReaderMayNotChangeAnythingThroughTheApi() {
        HttpResponse<String> response = call("POST", "/api/me", Map.of("X-Api-Key", TestClients.READER_KEY));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(auditRowOf(response)).containsEntry("action", "authorization.denied");
    }

    @Test
    void anOperatorListsTheAuditTrailFilteredAndPagedAndTheListingIsItselfAudited() {
        // whole seconds, always printed: "13.667032568" (seconds 13–19, then nine digits of nanos) reads as a mobile
        // number with a separator, and the audit trail rightly masks it in the target it records
        Instant since = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            call("GET", "/api/audit", Map.of("X-Api-Key", TestClients.READER_KEY));
        }
        String query = "?client=it-reader&action=authorization.denied&size=2&since=" + encode(since.toString());

        Map<String, String> operator = Map.of("X-Api-Key", TestClients.OPERATOR_KEY);

        HttpResponse<String> first = call("GET", "/api/audit" + query, operator);
        HttpResponse<String> second = call("GET", "/api/audit" + query + "&page=1", operator);

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode page = read(first);
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("hasMore").asBoolean()).isTrue();
        assertThat(page.path("items")).allSatisfy(row -> {
            assertThat(row.path("clientId").asText()).isEqualTo("it-reader");
            assertThat(row.path("action").asText()).isEqualTo("authorization.denied");
        });
        assertThat(page.path("items").get(0).path("id").asLong())
                .isGreaterThan(page.path("items").get(1).path("id").asLong());
        assertThat(read(second).path("items").size()).isGreaterThanOrEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(auditRowOf(first))
                .containsEntry("action", "operator.request").containsEntry("client_id", "it-operator")
                .containsEntry("outcome", "success").containsEntry("detail", "HTTP 200")
                .containsEntry("target", "GET /api/audit" + query));
    }

    @Test
    void anOperatorsChangeNeedsNoCsrfTokenAndIsAudited() {
        HttpResponse<String> response = call("POST", "/api/audit", Map.of("X-Api-Key", TestClients.OPERATOR_KEY));

        assertThat(response.statusCode()).isNotIn(401, 403);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(auditRowOf(response))
                .containsEntry("action", "operator.request").containsEntry("target", "POST /api/audit"));
    }

    @Test
    void anInvalidAuditQueryIs400InJson() {
        HttpResponse<String> response = call("GET", "/api/audit?size=0", Map.of("X-Api-Key", TestClients.OPERATOR_KEY));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = read(response);
        assertThat(body.path("message").asText()).isEqualTo("size must be 1 to 500");
        assertThat(body.path("requestId").asText()).isEqualTo(requestId(response));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(auditRowOf(response))
                .containsEntry("outcome", "failed").containsEntry("detail", "HTTP 400"));
    }

    @Test
    void theOpenApiDescriptionNamesTheEndpointsAndTheKeyHeader() {
        HttpResponse<String> response = call("GET", "/api/openapi.json", Map.of("X-Api-Key", TestClients.READER_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/me").contains("/api/audit").contains("X-Api-Key");
    }

    @Test
    void theWebhookPathRefusesAMissingOrWrongSecretAndAuditsBoth() {
        HttpResponse<String> missing = call("POST", "/ingest/livelihood", Map.of());
        HttpResponse<String> wrong = call("POST", "/ingest/livelihood", Map.of("X-Webhook-Secret", "not-the-secret-at-all"));
        HttpResponse<String> apiKeyInstead = call("POST", "/ingest/livelihood", Map.of("X-Api-Key", TestClients.OPERATOR_KEY));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(apiKeyInstead.statusCode()).isEqualTo(401);
        assertThat(read(missing).path("message").asText()).isEqualTo("no X-Webhook-Secret header");
        assertThat(read(wrong).path("message").asText()).isEqualTo("wrong webhook secret");
        assertThat(auditRowOf(missing)).containsEntry("action", "authentication.failed")
                .containsEntry("target", "POST /ingest/livelihood");
        assertThat(auditRowOf(wrong)).containsEntry("detail", "wrong webhook secret");
    }

    @Test
    void theRightWebhookSecretPassesAuthentication() throws IOException {
        String secret = Files.readString(DATA.resolve("keys").resolve(WebhookSecret.FILE_NAME)).strip();

        HttpResponse<String> response = call("POST", "/ingest/no-such-feed", Map.of("X-Webhook-Secret", secret));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void healthAndPrometheusAreOpen() {
        HttpResponse<String> health = call("GET", "/actuator/health", Map.of());
        // 503 is the endpoint's own answer when a component is down: what matters here is that it answers
        assertThat(health.statusCode()).isIn(200, 503);
        assertThat(read(health).path("status").asText()).isNotEmpty();
        assertThat(call("GET", "/actuator/health/liveness", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> prometheus = call("GET", "/actuator/prometheus", Map.of());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theOtherActuatorEndpointsAreForOperatorsOnlyAndAudited() {
        for (String endpoint : List.of("/actuator", "/actuator/metrics", "/actuator/info", "/actuator/camelroutes")) {
            assertThat(call("GET", endpoint, Map.of()).statusCode()).as(endpoint).isEqualTo(401);
            assertThat(call("GET", endpoint, Map.of("X-Api-Key", TestClients.READER_KEY)).statusCode()).as(endpoint)
                    .isEqualTo(403);
            assertThat(call("GET", endpoint, Map.of("X-Api-Key", TestClients.OPERATOR_KEY)).statusCode()).as(endpoint)
                    .isEqualTo(200);
        }
        HttpResponse<String> metrics = call("GET", "/actuator/metrics", Map.of("X-Api-Key", TestClients.OPERATOR_KEY));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(auditRowOf(metrics))
                .containsEntry("action", "operator.request").containsEntry("client_id", "it-operator")
                .containsEntry("target", "GET /actuator/metrics").containsEntry("outcome", "success"));
    }

    @Test
    void theStatusPageIsOpen() {
        assertThat(call("GET", "/", Map.of()).statusCode()).isNotIn(401, 403);
    }

    @Test
    void pathsNoRuleNamesAreRefused() {
        assertThat(call("GET", "/no/such/page", Map.of()).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/no/such/page", Map.of("X-Api-Key", TestClients.OPERATOR_KEY)).statusCode()).isEqualTo(403);
    }

    @Test
    void open311NeedsAKeyToo() {
        assertThat(call("GET", "/open311/v2/requests.json", Map.of()).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/open311/v2/requests.json", Map.of("X-Api-Key", TestClients.READER_KEY)).statusCode())
                .isNotIn(401, 403);
    }

    @Test
    void theHubHasNoGeneratedUserOrPassword() {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    }

    @Test
    void anUnknownApiPathOfAnAuthenticatedClientIs404() {
        assertThat(call("GET", "/api/no-such-thing", Map.of("X-Api-Key", TestClients.READER_KEY)).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> call(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue(RequestOrigin.HEADER).orElseThrow();
    }

    /** The audit row of a response's request; Spring's row map ignores the case of column names, as H2 and PostgreSQL differ. */
    private Map<String, Object> auditRowOf(HttpResponse<String> response) {
        return jdbc.queryForMap("SELECT client_id, action, target, outcome, detail, remote_address FROM audit_log"
                + " WHERE request_id = ?", requestId(response));
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(response.statusCode() + " " + response.body(), e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
