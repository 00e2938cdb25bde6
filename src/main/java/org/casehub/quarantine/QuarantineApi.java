package org.casehub.quarantine;

import static org.casehub.security.ApiParameters.time;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.casehub.quarantine.QuarantineRepository.Filter;
import org.casehub.quarantine.QuarantineRepository.Row;
import org.casehub.quarantine.ReplayJobRepository.Job;
import org.casehub.security.AuditEntry;
import org.casehub.security.AuditOutcome;
import org.casehub.security.AuditTrail;
import org.casehub.security.Callers;
import org.casehub.security.ClientAuthentication;
import org.casehub.security.Masking;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The bean behind {@code routes/api/quarantine.camel.yaml}, for operators: list and show quarantined records (the
 * payload decoded safely and masked), replay one now or many in the background, discard one with a reason. Replays
 * and discards are written to the audit trail with their outcome, besides the {@code operator.request} row every
 * operator call gets. Quarantine is not divided by scope: a record that failed may not even name its place.
 */
@Component("quarantineApi")
public class QuarantineApi {

    private static final int MAX_REASON = 500;

    private final QuarantineRepository quarantine;
    private final ReplayJobRepository jobs;
    private final QuarantineReplays replays;
    private final AuditTrail audit;
    private final QuarantineProperties properties;
    private final PayloadView payloads;
    private final ObjectMapper json;

    public QuarantineApi(QuarantineRepository quarantine, ReplayJobRepository jobs, QuarantineReplays replays,
                         AuditTrail audit, QuarantineProperties properties, ObjectMapper json) {
        this.quarantine = quarantine;
        this.jobs = jobs;
        this.replays = replays;
        this.audit = audit;
        this.properties = properties;
        this.payloads = new PayloadView(json, new HashSet<>(properties.nameFields()), new HashSet<>(properties.phoneFields()),
                properties.payloadShownChars());
        this.json = json;
    }

    /** A page of rows in id order (oldest first) and the cursor of the next page (null at the end). */
    public Map<String, Object> list(@Header("feed") String feed, @Header("stage") String stage,
            @Header("reason") String reason, @Header("state") String state, @Header("receivedFrom") String receivedFrom,
            @Header("receivedTo") String receivedTo, @Header("cursor") String cursor, @Header("limit") String limit) {
        Filter filter = new Filter(List.of(), text(feed), text(stage), text(reason), text(state),
                time("receivedFrom", receivedFrom), time("receivedTo", receivedTo));
        long size = limit == null || limit.isBlank() ? properties.pageSize() : number("limit", limit);
        if (size < 1 || size > properties.maxPageSize()) {
            throw new IllegalArgumentException("limit must be 1 to " + properties.maxPageSize());
        }
        int pageSize = (int) size;
        List<Row> rows = quarantine.list(filter, cursor == null || cursor.isBlank() ? 0 : decodeCursor(cursor.strip()),
                pageSize + 1);
        boolean more = rows.size() > pageSize;
        List<Row> page = more ? rows.subList(0, pageSize) : rows;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.stream().map(QuarantineApi::view).toList());
        answer.put("nextCursor", more ? encodeCursor(page.get(pageSize - 1).id()) : null);
        return answer;
    }

    /** One row with its payload, decoded safely and masked. */
    public Map<String, Object> show(@Header("id") String id) {
        long key = id(id);
        Map<String, Object> answer = view(found(key));
        answer.put("payload", payloads.show(quarantine.payload(key).orElseThrow(() -> notFound(key))));
        return answer;
    }

    /** Replays one open row now: its state afterwards (replayed with its case, or open with the new reasons). */
    public Map<String, Object> replay(@Header("id") String id) {
        long key = id(id);
        Row before = found(key);
        if (!QuarantineRepository.OPEN.equals(before.state())) {
            throw new QuarantineConflictException("quarantine row " + key + " is " + before.state() + ", not open");
        }
        Row after = replays.replayOne(key)
                .orElseThrow(() -> new QuarantineConflictException("quarantine row " + key + " was settled meanwhile"));
        boolean passed = QuarantineRepository.REPLAYED.equals(after.state());
        audit.record(AuditEntry.of(Callers.current(), AuditTrail.QUARANTINE_REPLAY, "quarantine:" + key,
                passed ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
                passed ? "passed: " + after.replayOutcome().toLowerCase() + (after.caseId() == null ? "" : " case " + after.caseId())
                        : "failed again at " + after.stage()));
        return view(after);
    }

    /** Starts a background replay of the open rows that the body's ids or criteria name: 202 and the job. */
    public Map<String, Object> startReplay(Exchange exchange) {
        JsonNode body = body(exchange);
        List<Long> ids = new ArrayList<>();
        body.path("ids").forEach(node -> ids.add(id(node.asText())));
        Filter filter = new Filter(ids, text(body.path("feed").asText(null)), text(body.path("stage").asText(null)),
                text(body.path("reason").asText(null)), null, time("receivedFrom", body.path("receivedFrom").asText(null)),
                time("receivedTo", body.path("receivedTo").asText(null)));
        if (ids.isEmpty() && filter.feed() == null && filter.stage() == null && filter.reason() == null
                && filter.receivedFrom() == null && filter.receivedTo() == null) {
            throw new IllegalArgumentException("name the rows to replay: ids, or at least one of feed, stage, reason,"
                    + " receivedFrom, receivedTo");
        }
        ObjectNode criteria = json.createObjectNode();
        body.fields().forEachRemaining(field -> {
            if (List.of("ids", "feed", "stage", "reason", "receivedFrom", "receivedTo").contains(field.getKey())) {
                criteria.set(field.getKey(), field.getValue());
            }
        });
        ClientAuthentication caller = Callers.current();
        Job job = replays.start(filter, Masking.scrub(criteria.toString()), caller);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, HttpStatus.ACCEPTED.value());
        exchange.getMessage().setHeader("Location", "/api/quarantine/replays/" + job.id());
        return view(job);
    }

    /** A background replay's progress. */
    public Map<String, Object> replayJob(@Header("jobId") String jobId) {
        return view(jobs.find(jobId).orElseThrow(() -> new QuarantineNotFoundException("no replay " + jobId)));
    }

    /** Discards one open row with the operator's reason; its record will not be replayed. */
    public Map<String, Object> discard(@Header("id") String id, Exchange exchange) {
        long key = id(id);
        String reason = text(body(exchange).path("reason").asText(null));
        if (reason == null) {
            throw new IllegalArgumentException("a discard needs a reason: {\"reason\": \"…\"}");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason must be at most " + MAX_REASON + " characters");
        }
        ClientAuthentication caller = Callers.current();
        Row before = found(key);
        String scrubbed = Masking.scrub(reason);
        if (!quarantine.discard(key, scrubbed, caller.client().id(), OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new QuarantineConflictException("quarantine row " + key + " is " + found(key).state() + ", not open");
        }
        audit.record(AuditEntry.of(caller, AuditTrail.QUARANTINE_DISCARD, "quarantine:" + key, AuditOutcome.SUCCESS,
                before.feed() + " " + before.stage() + ": " + scrubbed));
        return view(found(key));
    }

    private Row found(long id) {
        return quarantine.find(id).orElseThrow(() -> notFound(id));
    }

    private static QuarantineNotFoundException notFound(long id) {
        return new QuarantineNotFoundException("no quarantine row " + id);
    }

    private static Map<String, Object> view(Row row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("feed", row.feed());
        view.put("recordId", row.recordId());
        view.put("sourceVersion", row.sourceVersion());
        view.put("stage", row.stage());
        view.put("reasons", row.reasons().stream().map(Masking::scrub).toList());
        view.put("position", row.position());
        view.put("receivedAt", instant(row.receivedAt()));
        view.put("state", row.state());
        view.put("stateReason", Masking.scrub(row.stateReason()));
        view.put("stateChangedAt", instant(row.stateChangedAt()));
        view.put("stateChangedBy", row.stateChangedBy());
        view.put("replayCount", row.replayCount());
        view.put("replayedAt", instant(row.replayedAt()));
        view.put("replayOutcome", row.replayOutcome());
        view.put("caseId", row.caseId());
        return view;
    }

    private static Map<String, Object> view(Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("state", job.state());
        view.put("requestedBy", job.requestedBy());
        view.put("requestedAt", instant(job.requestedAt()));
        view.put("criteria", job.criteria());
        view.put("total", job.total());
        view.put("done", job.done());
        view.put("passed", job.passed());
        view.put("failed", job.failed());
        view.put("skipped", job.skipped());
        view.put("updatedAt", instant(job.updatedAt()));
        view.put("finishedAt", instant(job.finishedAt()));
        view.put("message", job.message());
        view.put("runner", job.runner());
        view.put("heartbeatAt", instant(job.heartbeatAt()));
        return view;
    }

    private JsonNode body(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        try {
            if (body == null) {
                return json.createObjectNode();
            }
            if (body instanceof Map<?, ?> map) {
                return json.valueToTree(map);
            }
            JsonNode node = body instanceof InputStream stream ? json.readTree(stream)
                    : json.readTree(exchange.getMessage().getBody(String.class));
            return node == null || node.isMissingNode() ? json.createObjectNode() : node;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
    }

    private static String instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant().toString();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static long id(String text) {
        return number("id", text);
    }

    private static long number(String parameter, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(parameter + " must be a whole number");
        }
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("q1:" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static long decodeCursor(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (plain.matches("q1:[0-9]{1,18}")) {
                return Long.parseLong(plain.substring(3));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the refusal
        }
        throw new IllegalArgumentException("cursor is not one this API gave out");
    }
}
