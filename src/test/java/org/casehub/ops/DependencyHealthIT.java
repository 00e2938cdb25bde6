package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.casehub.security.TestClients;
import org.casehub.support.HubHttp;
import org.casehub.support.StandaloneHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub's health as an orchestrator and IT staff read it, with the optional exchange database left unset (as
 * production allows): the readiness group exists and answers with the index database in it; with Artemis stopped,
 * the health, the feeds list and the status page answer within a second, Artemis DOWN, the hub alive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyHealthIT {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private static ConfigurableApplicationContext hub;
    private static HubHttp http;

    @BeforeAll
    static void startAHubWithoutTheExchangeDatabase() {
        hub = new StandaloneHub().with("casehub.exchange.url", "").start();
        http = new HubHttp(((WebServerApplicationContext) hub).getWebServer().getPort());
    }

    @AfterAll
    static void stopTheHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private static HttpResponse<String> open(String path) {
        return http.send("GET", path, Map.of(), HttpRequest.BodyPublishers.noBody());
    }

    @Test
    @Order(1)
    void readinessIsAnsweredWithTheIndexDatabaseWhenTheExchangeDatabaseIsNotConfigured() {
        HttpResponse<String> readiness = open("/actuator/health/readiness");

        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        JsonNode body = HubHttp.json(readiness);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("indexDatabase").path("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void withArtemisStoppedTheHealthTheFeedsAndTheStatusPageAnswerWithinASecondArtemisDown() throws Exception {
        hub.getBean(EmbeddedActiveMQ.class).stop();

        await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(
                HubHttp.json(open("/actuator/health")).path("components").path("artemis").path("status").asText()));
        Map<String, Integer> expected = Map.of("/actuator/health", 503, "/actuator/health/liveness", 200,
                "/actuator/health/readiness", 200, "/status.json", 200, "/", 200);
        expected.forEach((path, status) -> await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            long start = System.nanoTime();
            HttpResponse<String> answer = open(path);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(SECOND);
            assertThat(answer.statusCode()).as(path).isEqualTo(status);
        }));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            long start = System.nanoTime();
            HttpResponse<String> feeds = http.get("/api/feeds", TestClients.READER_KEY);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SECOND);
            assertThat(feeds.statusCode()).isEqualTo(200);
            assertThat(HubHttp.json(feeds).path("feeds").findValuesAsText("id")).contains("public-safety");
        });
        assertThat(HubHttp.json(open("/actuator/health/liveness")).path("status").asText()).isEqualTo("UP");
    }
}
