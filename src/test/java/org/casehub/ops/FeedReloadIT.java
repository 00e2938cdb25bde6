package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.security.TestClients;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hot reload on the running hub: a changed mapping or route takes effect; a broken one is refused with its error at
 * GET /api/feeds/{id}, while the previous version and every other feed keep running.
 */
class FeedReloadIT extends HubTestSupport {

    private static final AtomicInteger ORDERS = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path MAPPING = HOME.resolve("mappings/livelihood.jsonata");
    private static final Path ROUTE = HOME.resolve("routes/feeds/livelihood-webhook.camel.yaml");
    private static final String ORDER = """
            {"orderNo":"GD12345-20261123-%06d","updateTime":"2026-11-23 08:00:00","acceptTime":"2026-11-23 08:00:00",\
            "channel":"12345热线","category":"投诉","matterType":"城市管理/噪声","title":"夜间施工噪声","content":"梅观路%d号夜间施工噪声。",\
            "districtName":"南山区","streetName":"粤海街道","communityName":"京光社区","state":"已派单"}""";

    @LocalServerPort
    int port;

    /** An anonymous order about a building of its own (9000 and up), so that dedup joins it with no other test's. */
    private static String order(int number) {
        return ORDER.formatted(number, 9000 + number % 1000);
    }

    private HubHttp http;
    private String mapping;
    private String route;

    @BeforeEach
    void remember() throws IOException {
        http = new HubHttp(port);
        mapping = Files.readString(MAPPING);
        route = Files.readString(ROUTE);
    }

    @AfterEach
    void restore() throws IOException {
        if (!Files.readString(MAPPING).equals(mapping)) {
            Instant since = Instant.now();
            HubHttp.writeAtOnce(MAPPING, mapping);
            await().atMost(PATIENCE).until(() -> lastReload("livelihood", "mappings/livelihood.jsonata", "accepted", since));
        }
        if (!Files.readString(ROUTE).equals(route)) {
            Instant since = Instant.now();
            HubHttp.writeAtOnce(ROUTE, route);
            await().atMost(PATIENCE).until(() -> lastReload("livelihood", "routes/livelihood-webhook.camel.yaml", "accepted", since));
        }
    }

    @Test
    void aChangedMappingTakesEffectWithoutARestart() {
        Instant since = Instant.now();
        HubHttp.writeAtOnce(MAPPING, mapping.replace("\"title\": title ? title", "\"title\": title ? \"【12345】\" & title"));

        // a reload is reported once the new mapping is in place, so the dry run that follows uses it
        await().atMost(PATIENCE).until(() -> lastReload("livelihood", "mappings/livelihood.jsonata", "accepted", since));
        assertThat(dryRunTitle()).isEqualTo("【12345】夜间施工噪声");
    }

    @Test
    void aMappingThatDoesNotCompileIsRefusedAndThePreviousOneKeepsMapping() {
        HubHttp.writeAtOnce(MAPPING, mapping.replace("\"title\": title ? title", "\"title\": title ? ((title"));

        await().atMost(PATIENCE).until(() -> lastReload("livelihood", "mappings/livelihood.jsonata", "refused"));
        assertThat(feed("livelihood").path("lastReload").path("error").asText()).isNotBlank();
        assertThat(dryRunTitle()).isEqualTo("夜间施工噪声");
    }

    @Test
    void aMappingWhoseSamplesFailTheCaseSchemaIsRefusedNamingTheSampleAndThePath() {
        HubHttp.writeAtOnce(MAPPING, mapping.replace("\"status\": $code('livelihood.state', state)", "\"status\": \"pending\""));

        await().atMost(PATIENCE).until(() -> lastReload("livelihood", "mappings/livelihood.jsonata", "refused"));
        assertThat(feed("livelihood").path("lastReload").path("error").asText())
                .contains("sample 1 of mappings/samples/livelihood.jsonl").contains("case-schema").contains("/status");
        assertThat(dryRunTitle()).isEqualTo("夜间施工噪声");
    }

    @Test
    void aChangedRouteTakesEffectWithoutARestart() {
        Instant since = Instant.now();
        String answer = "              - bean: {ref: webhookIngest, method: answer}";
        assertThat(route).contains(answer);
        HubHttp.writeAtOnce(ROUTE, route.replace(answer, answer + "\n              - setHeader:\n"
                + "                  name: X-Casehub-Route\n                  constant: v2"));

        await().atMost(PATIENCE).until(() -> lastReload("livelihood", "routes/livelihood-webhook.camel.yaml", "accepted", since));
        assertThat(push().headers().firstValue("X-Casehub-Route")).hasValue("v2");
    }

    @Test
    void aRouteFileThatIsNotYamlIsRefusedWhileItsRouteAndEveryOtherFeedKeepRunning() {
        HubHttp.writeAtOnce(ROUTE, route + "\n- route: [unclosed\n");

        await().atMost(PATIENCE).until(() -> lastReload("livelihood", "routes/livelihood-webhook.camel.yaml", "refused"));
        assertRunning();
    }

    @Test
    void aRouteThatCannotStartIsRefusedAndThePreviousOneIsBack() {
        HubHttp.writeAtOnce(ROUTE, route.replace("uri: direct:ingest-livelihood", "uri: no-such-component:ingest-livelihood"));

        await().atMost(PATIENCE).until(() -> lastReload("livelihood", "routes/livelihood-webhook.camel.yaml", "refused"));
        assertThat(feed("livelihood").path("lastReload").path("error").asText()).contains("no-such-component");
        assertRunning();
    }

    private void assertRunning() {
        JsonNode livelihood = feed("livelihood");
        assertThat(livelihood.path("routes").findValuesAsText("status")).containsOnly("Started");
        assertThat(livelihood.path("routes").findValuesAsText("id")).containsExactly("feed-livelihood", "feed-livelihood-webhook");
        assertThat(livelihood.path("routeStatus").asText()).isEqualTo("Started");
        assertThat(feed("public-safety").path("routeStatus").asText()).isEqualTo("Started");
        assertThat(feed("provincial-petition").path("routeStatus").asText()).isEqualTo("Started");
        assertThat(push().statusCode()).isEqualTo(202);
    }

    private HttpResponse<String> push() {
        try {
            String secret = Files.readString(DATA.resolve("keys").resolve("webhook.secret")).strip();
            return http.post("/ingest/livelihood", Map.of("X-Webhook-Secret", secret, "Content-Type", "application/json"),
                    order(800_000 + ORDERS.incrementAndGet()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String dryRunTitle() {
        HttpResponse<String> response = http.post("/api/feeds/livelihood/dry-run",
                Map.of("X-Api-Key", TestClients.READER_KEY, "Content-Type", "application/json"), order(899_999));
        return HubHttp.json(response).path("results").get(0).path("case").path("title").asText();
    }

    private JsonNode feed(String id) {
        return HubHttp.json(http.get("/api/feeds/" + id, TestClients.OPERATOR_KEY));
    }

    private boolean lastReload(String feed, String file, String outcome) {
        return lastReload(feed, file, outcome, Instant.EPOCH);
    }

    private boolean lastReload(String feed, String file, String outcome, Instant since) {
        JsonNode last = feed(feed).path("lastReload");
        return file.equals(last.path("file").asText()) && outcome.equals(last.path("outcome").asText())
                && !Instant.parse(last.path("at").asText()).isBefore(since);
    }
}
