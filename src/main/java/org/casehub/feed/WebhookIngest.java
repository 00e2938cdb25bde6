package org.casehub.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.casehub.core.FeedRecord;
import org.casehub.security.Masking;
import org.casehub.security.RequestOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The pushed side of a feed ({@code POST /ingest/<feed>}, one source record per request): the body becomes a
 * feed record for the pipeline, and the answer tells the sender what became of it once the index transaction
 * committed — 202 stored, or 400 with the reasons it was refused (and quarantined); both with the request id, which
 * is the sender's own X-Request-Id when it sent one. As the adapter of a {@code webhook} feed (one only pushed to)
 * it has no source to fail and no lag to measure: the sender waits for each answer. A push that the index could not
 * store for a reason that is not its own (the database down) is not retried while its sender waits: it is answered
 * 503 with Retry-After at once, nothing of it kept — the platform sends it again, and its pull carries the same order
 * anyway.
 */
@Component("webhookIngest")
public class WebhookIngest implements SourceAdapter {

    /** The pushed record, on the exchange; routes/pipeline.camel.yaml reads it to leave a push's store unretried. */
    public static final String RECORD = "casehubWebhookRecord";

    private static final Logger log = LoggerFactory.getLogger(WebhookIngest.class);

    private final ObjectMapper json;
    private final Duration retryAfter;

    public WebhookIngest(ObjectMapper json, IngestProperties properties) {
        this.json = json;
        this.retryAfter = properties.retryAfter();
    }

    @Override
    public String transport() {
        return "webhook";
    }

    public List<FeedRecord> record(Exchange exchange, String feed) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("webhook", "/ingest/" + feed);
        // each push is its own delivery, found again by the id its sender sees (X-Request-Id); a retry with that id
        // is the same delivery
        position.put("requestId", RequestOrigin.currentRequestId());
        FeedRecord record = new FeedRecord(feed, body == null ? new byte[0] : body, position, Instant.now());
        exchange.setProperty(RECORD, record);
        return List.of(record);
    }

    /** Called after direct:normalize-and-store returned, that is after its transaction committed. */
    public byte[] answer(Exchange exchange) throws JsonProcessingException {
        FeedRecord record = exchange.getProperty(RECORD, FeedRecord.class);
        HttpStatus status = record.rejected() ? HttpStatus.BAD_REQUEST : HttpStatus.ACCEPTED;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status.value());
        if (record.rejected()) {
            answer.put("error", status.getReasonPhrase());
            answer.put("message", "the record was refused and quarantined");
            answer.put("stage", record.rejection().stage());
            answer.put("errors", record.rejection().reasons());
        } else {
            answer.put("id", record.identity());
            answer.put("version", record.sourceVersion());
        }
        return json(exchange, status, answer);
    }

    /**
     * The push could not be stored now, for a reason that is not its own (the pipeline failed it without a verdict
     * on the record: the database down, a lock timeout): 503 with Retry-After, asking the sender to send it again.
     */
    public byte[] unavailable(Exchange exchange) throws JsonProcessingException {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        FeedRecord record = exchange.getProperty(RECORD, FeedRecord.class);
        log.warn("push {} of feed {} not stored, answered 503 (its sender sends it again): {}",
                RequestOrigin.currentRequestId(), record.feed(), Masking.scrub(String.valueOf(failure)));
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status.value());
        answer.put("error", status.getReasonPhrase());
        answer.put("message", "the record could not be stored now (not for anything in it: the index is unavailable)"
                + " and nothing of it was kept; send it again after " + retryAfter.toSeconds() + " s");
        exchange.getMessage().setHeader("Retry-After", String.valueOf(retryAfter.toSeconds()));
        return json(exchange, status, answer);
    }

    private byte[] json(Exchange exchange, HttpStatus status, Map<String, Object> answer) throws JsonProcessingException {
        answer.put("requestId", RequestOrigin.currentRequestId());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status.value());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
        return json.writeValueAsBytes(answer);
    }
}
