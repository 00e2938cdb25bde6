package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every JSON body the hub takes is read by the one strict reader (casehub.json, JsonLimitsConfiguration): the API's
 * Camel-bound bodies as much as the webhook's records. A key written twice or nesting past the hub's limit is a 400
 * naming the problem, never "the last one wins"; and the actuator's bodies are capped like the API's.
 */
class StrictRequestBodiesIT extends HubTestSupport {

    @LocalServerPort
    int port;

    private HubHttp http() {
        return new HubHttp(port);
    }

    private static Map<String, String> operator() {
        return Map.of("X-Api-Key", TestClients.OPERATOR_KEY, "Content-Type", "application/json");
    }

    @Test
    void aReplayBodyNamingACriterionTwiceIsA400NamingTheKeyNotAReplayOfTheLastOne() {
        HttpResponse<String> response = http().post("/api/quarantine/replays", operator(),
                "{\"feed\": \"livelihood\", \"feed\": \"public-safety\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(HubHttp.json(response).path("message").asText()).contains("duplicate key \"feed\"");
        assertThat(HubHttp.json(response).path("requestId").asText()).isEqualTo(
                response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void aDiscardBodyGivingTwoReasonsIsA400AndTheRowStaysOpen() {
        String orderNo = "GD12345-20261123-" + (700_000 + (int) (System.nanoTime() % 99_999));
        ObjectNode order = FakeWorkOrderPlatform.order(orderNo, "2026-11-23 10:00:00", "已派单");
        order.put("acceptTime", "2099-01-01 09:00:00"); // refused: dates
        http().post("/ingest/livelihood", webhookHeaders(), order.toString());
        long id = jdbc.queryForObject("SELECT MAX(id) FROM quarantine WHERE feed = 'livelihood' AND record_id = ?",
                Long.class, orderNo);

        HttpResponse<String> response = http().post("/api/quarantine/" + id + "/discard", operator(),
                "{\"reason\": \"\", \"reason\": \"fixed at the source\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(HubHttp.json(response).path("message").asText()).contains("duplicate key \"reason\"");
        assertThat(jdbc.queryForObject("SELECT state FROM quarantine WHERE id = ?", String.class, id)).isEqualTo("open");
    }

    @Test
    void anApiBodyNestedPastTheHubsLimitButWithinJacksonsDefaultIsA400NamingTheDepth() {
        String deep = "{\"feed\": \"livelihood\", \"note\": " + "[".repeat(200) + "]".repeat(200) + "}";

        HttpResponse<String> response = http().post("/api/quarantine/replays", operator(), deep);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(HubHttp.json(response).path("message").asText()).contains("nesting depth");
    }

    @Test
    void anActuatorBodyAboveTheApiCapIsRefused413() {
        byte[] big = new byte[6 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');

        HttpResponse<String> response = http().send("POST", "/actuator/camelroutes/feed-livelihood/stop",
                operator(), HttpRequest.BodyPublishers.ofByteArray(big));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(HubHttp.json(response).path("message").asText()).contains("casehub.ingest.max-api-body");
    }
}
