package org.casehub.cases;

import static org.casehub.security.ApiParameters.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.casehub.deadline.DeadlineViews;
import org.casehub.index.CaseCursor;
import org.casehub.index.CaseFilter;
import org.casehub.index.CaseNotFoundException;
import org.casehub.index.CaseRepository;
import org.casehub.index.CaseRepository.CasePage;
import org.casehub.index.CaseRepository.CaseRow;
import org.casehub.publish.OutboxRepository;
import org.casehub.security.Callers;
import org.casehub.security.ClientAuthentication;
import org.casehub.security.PersonalDataReader;
import org.springframework.stereotype.Component;

/**
 * The bean behind {@code routes/api/cases.camel.yaml}: reads the request's parameters, asks
 * {@link CaseRepository} within the caller's scope, and shapes the answer. Persons are shown masked (with
 * their keyed hashes, which only the hub's key can reproduce); {@code personalData=true} on a single case adds
 * them in the clear for a client with the personal-data flag, through {@link PersonalDataReader}, which audits
 * the read.
 */
@Component("caseApi")
public class CaseApi {

    private final CaseRepository cases;
    private final PersonalDataReader personalData;
    private final CaseQueryProperties properties;
    private final ObjectMapper json;
    private final DeadlineViews deadlines;

    public CaseApi(CaseRepository cases, PersonalDataReader personalData, CaseQueryProperties properties,
                   ObjectMapper json, DeadlineViews deadlines) {
        this.cases = cases;
        this.personalData = personalData;
        this.properties = properties;
        this.json = json;
        this.deadlines = deadlines;
    }

    /** A page of cases, oldest change first, and the cursor of the next page (absent at the end). */
    public Map<String, Object> list(@Headers Map<String, Object> query) {
        CaseFilter filter = filter(query);
        int size = number("limit", text(query, "limit"), properties.pageSize());
        if (size < 1 || size > properties.maxPageSize()) {
            throw new IllegalArgumentException("limit must be 1 to " + properties.maxPageSize());
        }
        String cursor = text(query, "cursor");
        CaseCursor after = blank(cursor) ? null : CaseCursor.decode(cursor.strip());
        CasePage page = cases.list(CaseRepository.callerScope(), filter, after, size);
        Map<String, Object> answer = new LinkedHashMap<>();
        Map<String, ObjectNode> items = new LinkedHashMap<>();
        page.cases().forEach(row -> items.put(row.caseId(), view(row)));
        deadlines.show(items);
        answer.put("items", List.copyOf(items.values()));
        answer.put("nextCursor", page.next() == null ? null : page.next().encode());
        return answer;
    }

    /** How many cases the same filters find. */
    public Map<String, Object> count(@Headers Map<String, Object> query) {
        return Map.of("count", cases.count(CaseRepository.callerScope(), filter(query)));
    }

    /** One case with its source records, links, tier deliveries and, if asked and allowed, its persons in the clear. */
    public Map<String, Object> get(@Header("id") String id, @Header("personalData") String withPersonalData) {
        return detail(found(id), bool("personalData", withPersonalData));
    }

    /** The case a source record belongs to, as {@link #get} shows it. */
    public Map<String, Object> bySource(@Header("feed") String feed, @Header("recordId") String recordId,
            @Header("personalData") String withPersonalData) {
        String caseId = cases.caseOfSource(CaseRepository.callerScope(), feed, recordId)
                .orElseThrow(() -> new CaseNotFoundException("no source record " + feed + ":" + recordId));
        return detail(found(caseId), bool("personalData", withPersonalData));
    }

    /** The case's history: its CloudEvents as published, in revision order. */
    public Map<String, Object> events(@Header("id") String id) {
        CaseRow found = found(id);
        ArrayNode events = json.createArrayNode();
        for (OutboxRepository.EventRow row : cases.events(found)) {
            ObjectNode event = CaseTexts.read(json, row.eventJson());
            if (event.path("data") instanceof ObjectNode data) {
                CaseTexts.scrubbed(data);
            }
            events.add(event);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caseId", found.caseId());
        answer.put("events", events);
        return answer;
    }

    private Map<String, Object> detail(CaseRow found, Boolean withPersonalData) {
        ClientAuthentication caller = Callers.current();
        boolean clear = Boolean.TRUE.equals(withPersonalData);
        if (clear && !caller.client().personalData()) {
            throw new PersonalDataNotAllowedException();
        }
        ObjectNode data = view(found);
        deadlines.show(Map.of(found.caseId(), data));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("case", data);
        answer.put("sources", cases.sources(found).stream().map(s -> Map.of("feed", s.feed(), "recordId", s.recordId(),
                "sourceVersion", s.sourceVersion(), "receivedAt", s.receivedAt().toInstant().toString())).toList());
        answer.put("links", data.has("links") ? data.get("links") : json.createArrayNode());
        answer.put("deliveries", cases.deliveries(found).stream().map(d -> {
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("unit", d.unit());
            delivery.put("eventId", d.eventId());
            delivery.put("state", d.publishedAt() == null ? "pending" : "published");
            delivery.put("publishedAt", d.publishedAt() == null ? null : d.publishedAt().toInstant().toString());
            return delivery;
        }).toList());
        if (clear) {
            answer.put("persons", personalData.persons(caller, found.caseId())
                    .orElseThrow(() -> new CaseNotFoundException("no case " + found.caseId())));
        }
        return answer;
    }

    /** The stored case (free text scrubbed) with the index's own times. */
    private ObjectNode view(CaseRow row) {
        ObjectNode data = CaseTexts.scrubbed(CaseTexts.read(json, row.caseJson()));
        data.put("indexCreatedAt", row.createdAt().toInstant().toString());
        data.put("indexUpdatedAt", row.updatedAt().toInstant().toString());
        return data;
    }

    private CaseRow found(String id) {
        return cases.find(CaseRepository.callerScope(), id).orElseThrow(() -> new CaseNotFoundException("no case " + id));
    }

    /** The filters the list and the count share, read once from the request's query parameters. */
    static CaseFilter filter(Map<String, Object> query) {
        String division = text(query, "division");
        String feed = text(query, "feed");
        return new CaseFilter(blank(division) ? null : division.strip(), list(text(query, "category")),
                list(text(query, "status")), blank(feed) ? null : feed.strip(),
                time("updatedFrom", text(query, "updatedFrom")), time("updatedTo", text(query, "updatedTo")),
                time("createdFrom", text(query, "createdFrom")), time("createdTo", text(query, "createdTo")),
                bool("lawRelated", text(query, "lawRelated")), bool("group", text(query, "group")),
                bool("manualRouting", text(query, "manualRouting")), bool("overdue", text(query, "overdue")),
                duration("dueWithin", text(query, "dueWithin")), bool("mediationOffered", text(query, "mediationOffered")));
    }

    /** A query parameter as text; one given several times is its values comma-separated. */
    private static String text(Map<String, Object> query, String name) {
        Object value = query.get(name);
        if (value instanceof Iterable<?> values) {
            List<String> texts = new ArrayList<>();
            values.forEach(v -> texts.add(String.valueOf(v)));
            return String.join(",", texts);
        }
        return value == null ? null : value.toString();
    }

    /** A comma-separated list of values. */
    static List<String> list(String text) {
        if (blank(text)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(values::add);
        return values;
    }

    static Boolean bool(String parameter, String text) {
        if (blank(text)) {
            return null;
        }
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(parameter + " must be true or false");
        };
    }

    private static Duration duration(String parameter, String text) {
        try {
            return blank(text) ? null : Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + " must be an ISO-8601 duration, e.g. P2D or PT12H");
        }
    }

    private static int number(String parameter, String text, int fallback) {
        try {
            return blank(text) ? fallback : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + " must be a whole number");
        }
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
