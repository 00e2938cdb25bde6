package org.casehub.index;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.deadline.CaseClock;
import org.casehub.dedup.CaseProfile;
import org.casehub.dedup.DedupRepository;
import org.casehub.dedup.DuplicateRule;
import org.casehub.golden.GoldenRecord;
import org.casehub.index.CaseRepository.CaseWrite;
import org.casehub.index.CaseRepository.LinkWrite;
import org.casehub.index.CaseRepository.LockedCase;
import org.casehub.index.CaseRepository.SourceContent;
import org.casehub.index.CaseRepository.StoredLink;
import org.casehub.index.CaseState.LinkRow;
import org.casehub.index.CaseState.Source;
import org.casehub.network.UnitResolver;
import org.casehub.publish.CaseEvents;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.OutboxRepository.EventWrite;
import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.publish.PublishProperties;
import org.casehub.steering.MediationOffers;
import org.casehub.steering.Steering;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads cases into {@link CaseState}s (locking their rows), composes what a case says at its current revision,
 * and turns a change into rows: the case, its blocking keys, the event in its history and its outbox rows (one for the
 * unified feed, one for all its units). Shared by the feeds' index transaction and the operators' decisions, so a case reads the same
 * whoever changed it.
 */
@Component
class CaseStates {

    private static final TypeReference<Map<String, Object>> FEATURES = new TypeReference<>() { };

    private final CaseRepository cases;
    private final ProcessedIdRepository processedIds;
    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final CaseEvents events;
    private final UnitResolver units;
    private final DuplicateRule rule;
    private final DedupRepository dedup;
    private final Steering steering;
    private final String feedDestination;
    private final ObjectProvider<CaseProcess> process;
    private final CaseClock clock;
    private final GoldenRecord golden;
    private final MediationOffers mediationOffers;

    CaseStates(CaseRepository cases, ProcessedIdRepository processedIds, OutboxRepository outbox, ObjectMapper json,
               CaseEvents events, UnitResolver units, DuplicateRule rule, DedupRepository dedup, PublishProperties publish,
               Steering steering, ObjectProvider<CaseProcess> process, CaseClock clock, GoldenRecord golden,
               MediationOffers mediationOffers) {
        this.cases = cases;
        this.processedIds = processedIds;
        this.outbox = outbox;
        this.json = json;
        this.events = events;
        this.units = units;
        this.rule = rule;
        this.dedup = dedup;
        this.steering = steering;
        this.feedDestination = publish.kafkaDestination();
        this.process = process;
        this.clock = clock;
        this.golden = golden;
        this.mediationOffers = mediationOffers;
    }

    /** The rows of a new transaction, each written by its table's owner. */
    IndexWrites writes() {
        return new IndexWrites(cases, processedIds, outbox, dedup, clock, mediationOffers);
    }

    /** A stored link as the case shows it, its features read. */
    LinkRow linkRow(StoredLink row) {
        return new LinkRow(row.id(), row.caseId(), row.otherCaseId(), row.feed(), row.recordId(), row.kind(), row.score(),
                features(row.features()), row.state());
    }

    /** The cases of these ids in the index, their rows locked until the transaction ends, with sources and links. */
    Map<String, CaseState> lockAndLoad(Collection<String> caseIds) {
        Map<String, CaseState> found = new HashMap<>();
        if (caseIds.isEmpty()) {
            return found;
        }
        for (LockedCase row : cases.lockCases(caseIds)) {
            CaseState state = new CaseState(row.caseId(), true);
            state.revision = row.revision();
            state.division = row.divisionCode();
            state.primary = row.primarySource();
            state.facts = dedup.read(row.dedupFacts());
            state.mergedInto = row.mergedInto();
            found.put(state.caseId, state);
        }
        for (SourceContent row : cases.sourcesOf(caseIds)) {
            found.get(row.caseId()).sources.add(new Source(row.feed(), row.recordId(), row.sourceVersion(), row.receivedAt(),
                    read(row.canonicalJson())));
        }
        // a link with both ends among the ids comes twice, and is taken once per case
        for (StoredLink row : cases.linksOf(caseIds)) {
            LinkRow link = linkRow(row);
            for (String end : new String[] {link.caseId(), link.otherCaseId()}) {
                CaseState state = end == null ? null : found.get(end);
                if (state != null && !state.links.contains(link)) {
                    state.links.add(link);
                }
            }
        }
        process.forEach(p -> p.of(found.keySet()).forEach((caseId, node) -> found.get(caseId).process = node));
        for (CaseState state : found.values()) {
            if (state.primary == null && !state.sources.isEmpty()) {
                // cases indexed before dedup have one source, which is their primary
                state.primary = state.sources.get(0).identity();
            }
        }
        return found;
    }

    /**
     * The case at its current revision: the primary source's content with each golden field from its most trusted
     * source ({@link GoldenRecord}, with the provenance), the persons of every source, every source (with the score and
     * features of those that the rule merged in) and the links to other cases in force.
     */
    ObjectNode compose(CaseState state) {
        ObjectNode data = json.createObjectNode();
        data.put("caseId", state.caseId);
        data.put("revision", state.revision);
        ArrayNode sources = data.putArray("sources");
        for (Source source : state.sources) {
            ObjectNode item = sources.addObject()
                    .put("feed", source.feed())
                    .put("recordId", source.recordId())
                    .put("sourceVersion", source.version())
                    .put("receivedAt", source.receivedAt().toInstant().toString());
            state.links.stream()
                    .filter(l -> l.otherCaseId() == null && source.feed().equals(l.feed()) && source.recordId().equals(l.recordId()))
                    .reduce((first, later) -> later)
                    .ifPresent(l -> item.putObject("merge").put("score", l.score()).set("features", json.valueToTree(l.features())));
        }
        data.setAll((ObjectNode) state.primarySource().canonical().deepCopy());
        Set<JsonNode> persons = new LinkedHashSet<>();
        state.primarySource().canonical().path("persons").forEach(persons::add);
        state.sources.forEach(s -> s.canonical().path("persons").forEach(persons::add));
        data.putArray("persons").addAll(persons);
        golden.apply(data, goldenSources(state));
        ArrayNode links = json.createArrayNode();
        for (LinkRow link : state.links) {
            if (link.otherCaseId() != null && inForce(link)) {
                links.addObject().put("type", link.kind()).put("caseId", link.otherEnd(state.caseId))
                        .put("score", link.score()).set("features", json.valueToTree(link.features()));
            }
        }
        if (!links.isEmpty()) {
            data.set("links", links);
        }
        if (state.mergedInto != null) {
            data.put("mergedInto", state.mergedInto);
        }
        if (state.process != null) {
            overlay(data, state.process);
        }
        return data;
    }

    /**
     * The units' reports decide the status and whether a person must route the case, whatever the sources say; the
     * golden record's provenance then names the report, not a source, as where the status came from. A unit's
     * extension (延期) extends the limit whatever the sources say, as {@code deadlines.extended}: the statutory clock
     * reads it there, where a source that can say so would put it.
     */
    private static void overlay(ObjectNode data, ObjectNode process) {
        data.set("process", process.deepCopy());
        if (process.has("extension")) {
            data.withObject("/deadlines").put("extended", true);
        }
        if (process.hasNonNull("status")) {
            data.put("status", process.path("status").asText());
            if (data.path("provenance") instanceof ObjectNode provenance) {
                provenance.putObject("status")
                        .put("feed", "units")
                        .put("recordId", process.path("resultId").asText())
                        .put("version", process.path("reports").asLong())
                        .put("reason", "a unit's report (" + process.path("state").asText() + " by "
                                + process.path("unit").asText() + ") decides the status over every source");
            }
        }
        if (process.path("manualRouting").asBoolean() && data.path("location").path("resolution") instanceof ObjectNode resolution) {
            resolution.put("manualRouting", true);
        }
    }

    /** A possible duplicate an operator rejected, or one confirmed (now a merged link), no longer links the cases. */
    private static boolean inForce(LinkRow link) {
        return "open".equals(link.state()) || "recorded".equals(link.state());
    }

    /** The case's division as its golden record places it (the most trusted source with a place). */
    String divisionOf(CaseState state) {
        return golden.place(goldenSources(state)).orElseGet(() -> state.primarySource().canonical()).path("location")
                .path("divisionCode").asText(null);
    }

    private static List<GoldenRecord.Source> goldenSources(CaseState state) {
        return state.sources.stream().map(s -> new GoldenRecord.Source(s.feed(), s.recordId(), s.version(),
                s.receivedAt().toInstant(), s.canonical())).toList();
    }

    Set<String> unitsOf(String division) {
        return units.unitsOf(division);
    }

    /** The case row in its new state, and its blocking keys; returns those keys (none for a case merged away). */
    Set<String> write(IndexWrites writes, CaseState state, ObjectNode data, OffsetDateTime now) {
        ObjectNode location = (ObjectNode) data.path("location");
        writes.putCase(new CaseWrite(state.caseId, state.revision, data.path("status").asText(),
                data.path("category").asText(), data.path("channel").asText(), location.path("divisionCode").asText(null),
                data.path("lawRelated").asBoolean(), data.path("group").asBoolean(),
                location.path("resolution").path("manualRouting").asBoolean(), write(data),
                state.facts == null ? null : dedup.write(state.facts), state.primary, state.mergedInto, now, now),
                state.existed, data);
        CaseProfile profile = state.facts == null || state.mergedInto != null ? null : rule.profile(state.facts);
        Set<String> keys = profile == null ? Set.of() : rule.blockingKeys(profile);
        writes.dedupKeys(state.caseId, state.existed, keys.stream().map(key -> new DedupRepository.KeyWrite(key,
                state.caseId, state.facts.reportedAt().atOffset(ZoneOffset.UTC), state.revision)).toList(),
                profile == null ? null : new DedupRepository.Profiled(state.caseId, state.revision, profile));
        return keys;
    }

    /** Writes a new case_link row and shows it on the case from now on. */
    void link(IndexWrites writes, CaseState state, LinkRow link, OffsetDateTime now) {
        writes.link(new LinkWrite(link.caseId(), link.otherCaseId(), link.feed(), link.recordId(), link.kind(), link.score(),
                write(link.features()), link.state(), now));
        state.links.add(link);
    }

    /** Appends the event to the case's history and queues it for the unified feed and the units (one row for them all). */
    void emit(IndexWrites writes, String type, String feed, ObjectNode data, Set<String> unitCodes, OffsetDateTime now) {
        ObjectNode event = events.envelope(type, feed, data, now);
        String eventId = event.path("id").asText();
        String caseId = data.path("caseId").asText();
        writes.event(new EventWrite(eventId, caseId, data.path("revision").asInt(), type, event.path("source").asText(),
                feed, now, write(event)));
        writes.outbox(new OutboxWrite(eventId, caseId, feedDestination, now, feed));
        if (!unitCodes.isEmpty()) {   // one row for all the units: the units' relay sends each its message
            writes.outbox(OutboxWrite.toUnits(eventId, caseId, unitCodes.stream().map(UnitResolver::destination).toList(),
                    now));
        }
    }

    /**
     * Tells the units of the case's new revision: those no longer responsible get {@code reassigned} first, then
     * the units responsible now get {@code type}. Returns the case's blocking keys as written.
     */
    Set<String> publish(IndexWrites writes, CaseState state, String type, String feed, OffsetDateTime now) {
        String division = divisionOf(state);
        Set<String> responsible = unitsOf(division);
        Set<String> dropped = new LinkedHashSet<>(state.division == null ? Set.of() : unitsOf(state.division));
        dropped.removeAll(responsible);
        if (!dropped.isEmpty()) {
            // the units that are no longer responsible learn it from an event of its own, before the update
            state.revision++;
            emit(writes, CaseEvents.REASSIGNED, feed, compose(state), dropped, now);
        }
        state.revision++;
        ObjectNode data = compose(state);
        // routing by the matter (issue 22): marks the case, adds its legal/mediation/escalation deliveries
        state.regroup = steering.steer(data, feed, responsible, now, writes);
        emit(writes, type, feed, data, responsible, now);
        state.division = division;
        return write(writes, state, data, now);
    }

    Map<String, Object> features(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, FEATURES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read link features", e);
        }
    }

    String write(Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored JSON", e);
        }
    }
}
