package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.support.HubHttp;
import org.casehub.support.StandaloneHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub's health as an orchestrator and IT staff read it, with the optional exchange database left unset (as
 * production allows): the readiness group exists and answers with the index database in it.
 */
class DependencyHealthIT {

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
    void readinessIsAnsweredWithTheIndexDatabaseWhenTheExchangeDatabaseIsNotConfigured() {
        HttpResponse<String> readiness = open("/actuator/health/readiness");

        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        JsonNode body = HubHttp.json(readiness);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("indexDatabase").path("status").asText()).isEqualTo("UP");
    }
}
