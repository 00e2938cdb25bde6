package org.casehub.feed;

import java.io.IOException;
import java.io.InputStream;
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

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /**
     * deepest nesting an order's tree is built to (Jackson's default). The page's reader only skips over an order,
     * which nests nothing on the stack, so it follows any depth: an order deeper than this is placed by its first
     * fields and fails alone at decode, naming the hub's limit, and its page goes on.
     */
    private static final int ITEM_TREE_NESTING = 1000;

    private final LivelihoodProperties properties;
    private final Environment environment;
    private final HttpClient http;
    private final ObjectMapper page;
    private final ObjectMapper item;
    private final int maxItemBytes;

    public LivelihoodClient(LivelihoodProperties properties, ObjectMapper json, RecordLimits.Limits limits,
                            Environment environment) {
        this.properties = properties;
        this.environment = environment;
        this.maxItemBytes = limits.maxRecordBytes();
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        // the page's reader only finds where each order begins and ends: the record limits, nesting and duplicate keys
        // are each order's own, judged by the pipeline's decode step on that order's bytes; the page's bytes are
        // capped by casehub.livelihood.max-page-bytes as they arrive
        this.page = json.copy();
        page.getFactory().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        page.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE)
                .maxStringLength(Integer.MAX_VALUE).maxDocumentLength(-1).build());
        this.item = page.copy();
        item.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(ITEM_TREE_NESTING).maxNameLength(Integer.MAX_VALUE)
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
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "timed out after " + properties.requestTimeout(), Optional.empty(), e);
        } catch (IOException e) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "unreachable: " + e, Optional.empty(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "interrupted", Optional.empty(), e);
        }
        try (InputStream body = response.body()) {
            return page(response, body);
        } catch (IOException e) {
            // closing a body not read to its end
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "the page could not be read: " + e, Optional.empty(), e);
        }
    }

    private WorkOrderPage page(HttpResponse<InputStream> response, InputStream body) {
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
        long maxPageBytes = properties.maxPageBytes().toBytes();
        if (response.headers().firstValueAsLong("Content-Length").orElse(0) > maxPageBytes) {
            throw new LivelihoodApiException(Kind.TOO_LARGE, new PageInput.PageTooLargeException(maxPageBytes).getMessage(),
                    Optional.empty(), null);
        }
        return parse(new PageInput(body, maxPageBytes, maxItemBytes));
    }

    /**
     * Reads the page order by order as it arrives, keeping each order's own bytes ({@link PageInput}). The record
     * limits are not applied to the page: one oversized order would make the whole page unreadable and stop the pull at
     * it. An order longer than casehub.limits.max-record-bytes keeps only its first bytes and is quarantined alone;
     * the others' limits are judged by the pipeline's decode step on each one's bytes. A page longer than
     * casehub.livelihood.max-page-bytes is not read further: the pull backs off and the feed's health says why.
     */
    private WorkOrderPage parse(PageInput body) {
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
        } catch (PageInput.PageTooLargeException e) {
            throw new LivelihoodApiException(Kind.TOO_LARGE, e.getMessage(), Optional.empty(), e);
        } catch (IOException e) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "the page is not JSON: " + e.getMessage(), Optional.empty(), e);
        }
        if (items == null) {
            throw new LivelihoodApiException(Kind.UNAVAILABLE, "the page has no items array", Optional.empty(), null);
        }
        return new WorkOrderPage(total, number, size, items);
    }

    private List<WorkOrderPage.Item> items(JsonParser parser, PageInput body) throws IOException {
        List<WorkOrderPage.Item> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long start = parser.currentTokenLocation().getByteOffset();
            body.itemStarts(start);
            if (parser.currentToken().isStructStart()) {
                parser.skipChildren(); // strings skipped, never built: an oversized one costs no memory
            } else {
                parser.finishToken();
            }
            long end = parser.currentLocation().getByteOffset();
            byte[] raw = body.item(start, end);
            items.add(end - start > raw.length
                    ? new WorkOrderPage.Item(placing(raw), raw, end - start)
                    : new WorkOrderPage.Item(tree(raw), raw));
        }
        return items;
    }

    /** The order as a tree; one nested too deep to build is placed by its first fields, to fail alone at decode. */
    private JsonNode tree(byte[] raw) throws IOException {
        try {
            return item.readTree(raw);
        } catch (StreamConstraintsException e) {
            return placing(raw);
        }
    }

    /** What places an oversized order (its orderNo and updateTime), as far as its first bytes tell. */
    private ObjectNode placing(byte[] prefix) {
        ObjectNode found = page.createObjectNode();
        try (JsonParser parser = page.createParser(prefix)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_STRING && ("orderNo".equals(field) || "updateTime".equals(field))) {
                        found.put(field, parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            // the first bytes end inside the order: what came before stands
        }
        return found;
    }
}
