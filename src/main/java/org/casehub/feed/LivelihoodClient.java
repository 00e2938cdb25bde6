package org.casehub.feed;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.feed.LivelihoodApiException.Kind;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code GET {base}/api/v1/workorders?updatedSince=&page=&size=} of the 12345 platform, with its key in
 * {@code X-Api-Key}. Without a configured base URL and with the simulator on, it asks the hub's own
 * simulated platform.
 */
@Component
public class LivelihoodClient {

    static final String SIMULATOR_PATH = "/simulator/livelihood";

    private final LivelihoodProperties properties;
    private final ObjectMapper json;
    private final Environment environment;
    private final HttpClient http;

    public LivelihoodClient(LivelihoodProperties properties, ObjectMapper json, Environment environment) {
        this.properties = properties;
        this.json = json;
        this.environment = environment;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    }

    /** The platform's base URL, if there is one to pull from. */
    public Optional<String> baseUrl() {
        String configured = properties.baseUrl();
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.replaceAll("/+$", ""));
        }
        // the web server's port is known only once it listens: resolved on every pull, not at startup
        String port = environment.getProperty("local.server.port");
        if (environment.getProperty("casehub.simulator.enabled", Boolean.class, false) && port != null) {
            return Optional.of("http://localhost:" + port + SIMULATOR_PATH);
        }
        return Optional.empty();
    }

    public WorkOrderPage fetch(String base, String updatedSince, int page, int size) {
        URI uri = URI.create(base + "/api/v1/workorders?updatedSince=" + URLEncoder.encode(updatedSince, StandardCharsets.UTF_8)
                + "&page=" + page + "&size=" + size);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("X-Api-Key", properties.apiKey() == null ? "" : properties.apiKey())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "timed out after " + properties.requestTimeout(), Optional.empty(), e);
        } catch (IOException e) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "unreachable: " + e, Optional.empty(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "interrupted", Optional.empty(), e);
        }
        int status = response.statusCode();
        if (status == 429) {
            Optional<Duration> retryAfter = PullBackoff.parseRetryAfter(
                    response.headers().firstValue("Retry-After").orElse(null), Instant.now());
            throw new LivelihoodApiException(Kind.RATE_LIMITED, "429 Too Many Requests", retryAfter, null);
        }
        if (status >= 500) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "HTTP " + status, Optional.empty(), null);
        }
        if (status != 200) {
            throw new LivelihoodApiException(Kind.REFUSED, "HTTP " + status + " (check casehub.livelihood.api-key and base-url)",
                    Optional.empty(), null);
        }
        return parse(response.body());
    }

    private WorkOrderPage parse(byte[] body) {
        JsonNode page;
        try {
            page = json.readTree(body);
        } catch (IOException e) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "the page is not JSON: " + e.getMessage(), Optional.empty(), e);
        }
        if (page == null || !page.path("items").isArray()) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "the page has no items array", Optional.empty(), null);
        }
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return new WorkOrderPage(page.path("total").asLong(), page.path("page").asInt(), page.path("size").asInt(), items);
    }
}
