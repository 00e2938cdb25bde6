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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
    private final ObjectMapper page;

    public LivelihoodClient(LivelihoodProperties properties, ObjectMapper json, Environment environment) {
        this.properties = properties;
        this.json = json;
        this.environment = environment;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        // the hub's nesting limit, but no string or document limit: those are a record's, not a page's
        this.page = json.copy();
        page.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(json.getFactory().streamReadConstraints().getMaxNestingDepth())
                .maxStringLength(Integer.MAX_VALUE).maxDocumentLength(-1).build());
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

    /**
     * Reads the page item by item, keeping each item's own bytes. The record limits (string length, record size) are
     * not applied to the page: one oversized order would make the whole page unreadable and stop the pull at it. They
     * apply to each item in the pipeline's decode step, which quarantines that order alone.
     */
    private WorkOrderPage parse(byte[] body) {
        long total = 0;
        int number = 0;
        int size = 0;
        List<WorkOrderPage.Item> items = null;
        try (JsonParser parser = page.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new LivelihoodApiException(Kind.UNAVAILABLE, "the page is not a JSON object", Optional.empty(), null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "total" -> total = parser.getValueAsLong();
                    case "page" -> number = parser.getValueAsInt();
                    case "size" -> size = parser.getValueAsInt();
                    case "items" -> items = value == JsonToken.START_ARRAY ? items(parser, body) : null;
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "the page is not JSON: " + e.getMessage(), Optional.empty(), e);
        }
        if (items == null) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "the page has no items array", Optional.empty(), null);
        }
        return new WorkOrderPage(total, number, size, items);
    }

    private List<WorkOrderPage.Item> items(JsonParser parser, byte[] body) throws IOException {
        List<WorkOrderPage.Item> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            JsonNode item = page.readTree(parser);
            int end = (int) parser.currentLocation().getByteOffset();
            items.add(new WorkOrderPage.Item(item, Arrays.copyOfRange(body, start, end)));
        }
        return items;
    }
}
