package org.casehub.writeback;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.BeijingTime;
import org.casehub.feed.LivelihoodClient;
import org.casehub.feed.LivelihoodProperties;
import org.casehub.feed.PullBackoff;
import org.casehub.security.Masking;
import org.springframework.stereotype.Component;

/**
 * The 12345 platform's feedback API (contracts §4.1): {@code POST {base}/api/v1/workorders/{orderNo}/feedback} with the
 * pull's key. 200 is written, 409 (the feedbackId taken before) is done; 404 (an unknown order) and 422 (the state does
 * not follow the order's) are refused for good — parked for an operator and shown on the case; 429 (with its
 * Retry-After), 5xx and an unreachable platform are tried again later.
 */
@Component
class LivelihoodFeedback implements SourcePlatform {

    static final String FEED = "livelihood";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BeijingTime.ZONE);
    private static final int MAX_CONTENT = 2000;

    private final LivelihoodClient platform;
    private final LivelihoodProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;

    LivelihoodFeedback(LivelihoodClient platform, LivelihoodProperties properties, ObjectMapper json) {
        this.platform = platform;
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    }

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Answer write(Result result) {
        Optional<String> base = platform.baseUrl();
        if (base.isEmpty()) {
            return Answer.retry("the 12345 platform is not configured (casehub.livelihood.base-url)", null);
        }
        ObjectNode body = json.createObjectNode()
                .put("feedbackId", result.resultId())
                .put("state", result.platformState())
                .put("deptCode", result.unit())
                .put("deptName", result.unitName())
                .put("time", TIME.format(result.actedAt()));
        if (result.content() != null) {
            body.put("content", result.content().length() > MAX_CONTENT ? result.content().substring(0, MAX_CONTENT)
                    : result.content());
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base.get() + "/api/v1/workorders/"
                            + URLEncoder.encode(result.recordId(), StandardCharsets.UTF_8).replace("+", "%20") + "/feedback"))
                    .timeout(properties.requestTimeout())
                    .header("X-Api-Key", properties.apiKey() == null ? "" : properties.apiKey())
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a feedback body", e);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Answer.retry("12345 unreachable: " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.retry("interrupted", null);
        }
        return answer(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").orElse(null));
    }

    /** What an answer of the feedback API means for the result. */
    static Answer answer(int status, String body, String retryAfter) {
        String said = "HTTP " + status + (body == null || body.isBlank() ? "" : " " + Masking.scrub(
                body.length() > 300 ? body.substring(0, 300) : body));
        if (status >= 200 && status < 300) {
            return Answer.written(said);
        }
        if (status == 409) {
            return Answer.duplicate(said);
        }
        if (status == 429) {
            return Answer.retry(said, PullBackoff.parseRetryAfter(retryAfter, Instant.now()).orElse(null));
        }
        if (status >= 500 || status == 401 || status == 403) {
            // a platform down, or a key it does not take (fixed in the hub's settings): every result would fail alike
            return Answer.retry(said, null);
        }
        return Answer.refused("12345 refused the result: " + said);
    }
}
