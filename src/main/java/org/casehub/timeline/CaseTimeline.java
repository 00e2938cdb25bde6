package org.casehub.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Header;
import org.casehub.deadline.DeadlineReminders;
import org.casehub.index.CaseNotFoundException;
import org.casehub.index.CaseRepository;
import org.casehub.index.CaseRepository.CaseRow;
import org.casehub.index.CaseRepository.SourceRow;
import org.casehub.index.ProcessedIdRepository;
import org.casehub.progress.ProgressRepository;
import org.casehub.progress.ProgressRepository.Report;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.OutboxRepository.EventRow;
import org.casehub.security.Masking;
import org.casehub.warning.WarningRepository;
import org.casehub.warning.WarningRepository.WarningRow;
import org.casehub.writeback.WritebackResults;
import org.springframework.stereotype.Component;

/**
 * What happened to a case, in one ordered list ({@code GET /api/cases/{id}/timeline}), and the path of one source
 * record ({@code GET /api/sources/{feed}/{recordId}/trace}): each source record received with its dedup decision and
 * score, every revision published (created, updated, merged — with mergedInto —, reassigned; from a feed, an operator
 * or a unit), every delivery to a unit, every unit's report, every write-back to a source platform with its answer,
 * every deadline reminder sent for it and every early warning it is behind.
 * Read through the caller's scope like the case API: a case outside it is 404; free text is scrubbed of ID numbers and
 * phones, and no person appears.
 */
@Component("caseTimeline")
public class CaseTimeline {

    /** within one instant: a record arrives, a unit reports, the change is published, delivered, written back */
    private static final List<String> KINDS = List.of("source-record", "report", "event", "delivery", "write-back",
            "reminder", "warning");

    private final CaseRepository cases;
    private final ProcessedIdRepository processed;
    private final OutboxRepository outbox;
    private final ProgressRepository reports;
    private final WritebackResults writebacks;
    private final WarningRepository warnings;
    private final ObjectMapper json;

    public CaseTimeline(CaseRepository cases, ProcessedIdRepository processed, OutboxRepository outbox,
                        ProgressRepository reports, WritebackResults writebacks, WarningRepository warnings,
                        ObjectMapper json) {
        this.cases = cases;
        this.processed = processed;
        this.outbox = outbox;
        this.reports = reports;
        this.writebacks = writebacks;
        this.warnings = warnings;
        this.json = json;
    }

    /** One entry: when, what kind, and what it says. */
    record Entry(Instant at, String kind, Map<String, Object> fields) {

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("at", at == null ? null : at.toString());
            view.put("kind", kind);
            view.putAll(fields);
            return view;
        }
    }

    public Map<String, Object> timeline(@Header("id") String caseId) {
        CaseRow found = found(caseId);
        JsonNode data = read(found.caseJson());
        List<EventRow> events = cases.events(found);
        String origin = origin(events);
        List<Entry> entries = new ArrayList<>();
        for (SourceRow source : cases.sources(found)) {
            entries.add(sourceEntry(data, source, origin));
        }
        Map<String, Instant> eventTimes = new HashMap<>();
        for (EventRow event : events) {
            Entry entry = eventEntry(event);
            eventTimes.put(event.eventId(), entry.at());
            entries.add(entry);
        }
        for (CaseRepository.DeliveryRow delivery : cases.deliveries(found)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("unit", delivery.unit());
            fields.put("eventId", delivery.eventId());
            fields.put("state", delivery.publishedAt() == null ? "pending" : "published");
            entries.add(new Entry(delivery.publishedAt() == null ? eventTimes.get(delivery.eventId())
                    : delivery.publishedAt().toInstant(), "delivery", fields));
        }
        for (Report report : reports.reports(found.caseId())) {
            entries.add(reportEntry(report));
        }
        for (WritebackResults.Row row : writebacks.of(found.caseId())) {
            entries.add(writebackEntry(row.destination(), row.eventId(), row.outcome(), Masking.scrub(row.detail()),
                    row.answeredAt().toInstant()));
        }
        for (OutboxRepository.DeliveryRow waiting : outbox.deliveries(found.caseId(), "writeback:")) {
            if (waiting.publishedAt() == null) {
                entries.add(writebackEntry(waiting.destination(), waiting.eventId(), "pending", null,
                        eventTimes.get(waiting.eventId())));
            }
        }
        for (WarningRow warning : warnings.behind(found.caseId())) {
            entries.add(warningEntry(warning));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caseId", found.caseId());
        answer.put("status", found.status());
        answer.put("links", data.has("links") ? data.get("links") : json.createArrayNode());
        answer.put("entries", ordered(entries));
        return answer;
    }

    /** The path of one source record: its arrival, the versions applied, the case it is in, and that case's revisions
     * from its feed with their deliveries. */
    public Map<String, Object> trace(@Header("feed") String feed, @Header("recordId") String recordId) {
        String caseId = cases.caseOfSource(CaseRepository.callerScope(), feed, recordId)
                .orElseThrow(() -> new CaseNotFoundException("no source record " + feed + ":" + recordId));
        CaseRow found = found(caseId);
        SourceRow source = cases.sources(found).stream()
                .filter(s -> s.feed().equals(feed) && s.recordId().equals(recordId)).findFirst()
                .orElseThrow(() -> new CaseNotFoundException("no source record " + feed + ":" + recordId));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("feed", feed);
        answer.put("recordId", recordId);
        answer.put("caseId", caseId);
        Map<String, Object> arrival = new LinkedHashMap<>();
        arrival.put("sourceVersion", source.sourceVersion());
        arrival.put("receivedAt", source.receivedAt().toInstant().toString());
        arrival.put("position", cases.position(found, feed, recordId).map(this::read).orElse(null));
        answer.put("arrival", arrival);
        answer.put("applied", processed.versionsOf(feed, recordId).stream().map(p -> {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("sourceVersion", p.idempotencyKey().substring(p.idempotencyKey().lastIndexOf(':') + 1));
            version.put("outcome", p.outcome());
            version.put("caseId", p.caseId());
            version.put("at", p.processedAt().toInstant().toString());
            return version;
        }).toList());
        List<EventRow> events = cases.events(found);
        answer.put("dedup", sourceEntry(read(found.caseJson()), source, origin(events)).fields().get("dedup"));
        Map<String, List<Map<String, Object>>> deliveries = new HashMap<>();
        for (CaseRepository.DeliveryRow delivery : cases.deliveries(found)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("unit", delivery.unit());
            item.put("state", delivery.publishedAt() == null ? "pending" : "published");
            item.put("publishedAt", delivery.publishedAt() == null ? null : delivery.publishedAt().toInstant().toString());
            deliveries.computeIfAbsent(delivery.eventId(), e -> new ArrayList<>()).add(item);
        }
        answer.put("events", events.stream().map(this::eventEntry)
                .filter(e -> feed.equals(e.fields().get("feed")))
                .map(e -> {
                    Map<String, Object> view = e.view();
                    view.put("deliveries", deliveries.getOrDefault((String) e.fields().get("eventId"), List.of()));
                    return view;
                }).toList());
        return answer;
    }

    private CaseRow found(String caseId) {
        return cases.find(CaseRepository.callerScope(), caseId)
                .orElseThrow(() -> new CaseNotFoundException("no case " + caseId));
    }

    /** A source record and how deduplication took it: the case's first record, merged in by the rule (score and
     * features), or moved in by an operator's decision. */
    private Entry sourceEntry(JsonNode data, SourceRow source, String origin) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("feed", source.feed());
        fields.put("recordId", source.recordId());
        fields.put("sourceVersion", source.sourceVersion());
        Map<String, Object> dedup = new LinkedHashMap<>();
        for (JsonNode item : data.path("sources")) {
            if (item.path("feed").asText().equals(source.feed()) && item.path("recordId").asText().equals(source.recordId())
                    && item.has("merge")) {
                dedup.put("decision", "merged");
                dedup.put("score", item.path("merge").path("score").asDouble());
                dedup.put("features", item.path("merge").path("features"));
            }
        }
        if (dedup.isEmpty()) {
            dedup.put("decision", (source.feed() + ":" + source.recordId()).equals(origin) ? "new-case" : "joined");
        }
        fields.put("dedup", dedup);
        return new Entry(source.receivedAt().toInstant(), "source-record", fields);
    }

    /** The source record that made the case: the first of its created event ({@code <feed>:<record id>}). */
    private String origin(List<EventRow> events) {
        for (EventRow event : events) {
            if (event.type().endsWith(".created")) {
                JsonNode first = read(event.eventJson()).path("data").path("sources").path(0);
                return first.path("feed").asText() + ":" + first.path("recordId").asText();
            }
        }
        return null;
    }

    private Entry eventEntry(EventRow event) {
        JsonNode envelope = read(event.eventJson());
        JsonNode data = envelope.path("data");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventId", event.eventId());
        if (DeadlineReminders.TYPE.equals(event.type())) {
            fields.put("level", data.path("level").asText());
            fields.put("deadline", data.path("deadline").path("kind").asText());
            fields.put("due", data.path("deadline").path("due").asText());
            fields.put("unit", data.path("unit").asText());
            fields.put("supervisor", data.path("supervisor").asText(null));
            return new Entry(Instant.parse(envelope.path("time").asText()), "reminder", fields);
        }
        fields.put("revision", event.revision());
        fields.put("type", event.type());
        fields.put("source", envelope.path("source").asText());
        fields.put("feed", envelope.path("casehubfeed").asText());
        fields.put("status", data.path("status").asText(null));
        fields.put("division", data.path("location").path("divisionCode").asText(null));
        if (data.hasNonNull("mergedInto")) {
            fields.put("mergedInto", data.path("mergedInto").asText());
        }
        return new Entry(Instant.parse(envelope.path("time").asText()), "event", fields);
    }

    private static Entry warningEntry(WarningRow warning) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("warningId", warning.warningId());
        fields.put("unit", warning.unitCode());
        fields.put("category", warning.category());
        fields.put("rule", warning.rule());
        fields.put("observed", warning.observed());
        fields.put("expected", warning.expected());
        fields.put("state", warning.state());
        return new Entry(warning.raisedAt().toInstant(), "warning", fields);
    }

    private static Entry reportEntry(Report report) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("unit", report.unit());
        fields.put("state", report.state());
        fields.put("resultId", report.resultId());
        fields.put("actedAt", report.actedAt().toInstant().toString());
        fields.put("reason", report.reason() == null ? null : Masking.scrub(report.reason()));
        fields.put("text", report.text() == null ? null : Masking.scrub(report.text()));
        fields.put("channel", report.channel());
        fields.put("reporter", report.reporter());
        fields.put("eventId", report.eventId());
        return new Entry(report.receivedAt().toInstant(), "report", fields);
    }

    private static Entry writebackEntry(String destination, String eventId, String outcome, String detail, Instant at) {
        String target = destination.substring(destination.indexOf(':') + 1);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("feed", target.substring(0, Math.max(0, target.indexOf('/'))));
        fields.put("recordId", target.substring(target.indexOf('/') + 1));
        fields.put("eventId", eventId);
        fields.put("outcome", outcome);
        fields.put("detail", detail);
        return new Entry(at, "write-back", fields);
    }

    /** In time order; within one instant, in the order things follow from each other. */
    static List<Map<String, Object>> ordered(List<Entry> entries) {
        return entries.stream()
                .sorted(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(e -> KINDS.indexOf(e.kind())))
                .map(Entry::view).toList();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored case or event is not JSON", e);
        }
    }
}
