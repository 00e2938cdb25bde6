package org.casehub.cases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Header;
import org.casehub.deadline.DeadlineViews;
import org.casehub.home.CasehubHome;
import org.casehub.index.CaseFilter;
import org.casehub.index.CaseNotFoundException;
import org.casehub.index.CaseRepository;
import org.casehub.index.CaseRepository.CaseRow;
import org.casehub.network.DivisionDirectory;
import org.casehub.security.DivisionScopes;
import org.casehub.security.ScopeRestriction;
import org.springframework.stereotype.Component;

/**
 * The bean behind {@code routes/api/open311.camel.yaml}: the Open311 GeoReport v2 read façade over the case index,
 * within the caller's scope. Services are the unified categories ({@code mappings/codes/categories.json}).
 */
@Component("open311Api")
public class Open311Api {

    private static final String CATEGORIES = "mappings/codes/categories.json";
    private static final String SUFFIX = ".json";

    private final CaseRepository cases;
    private final CaseQueryProperties properties;
    private final DivisionScopes scopes;
    private final DivisionDirectory divisions;
    private final CasehubHome home;
    private final ObjectMapper json;
    private final DeadlineViews deadlines;

    public Open311Api(CaseRepository cases, CaseQueryProperties properties, DivisionScopes scopes,
                      DivisionDirectory divisions, CasehubHome home, ObjectMapper json, DeadlineViews deadlines) {
        this.cases = cases;
        this.properties = properties;
        this.scopes = scopes;
        this.divisions = divisions;
        this.home = home;
        this.json = json;
        this.deadlines = deadlines;
    }

    /** GET services.json: every unified category; read on each call, so an edited code list shows at once. */
    public List<Map<String, Object>> services() {
        Map<String, String> categories = categories();
        Map<String, Set<String>> keywords = new LinkedHashMap<>();
        for (String list : properties.open311KeywordLists()) {
            for (JsonNode entry : read("mappings/codes/" + list + SUFFIX, new TypeReference<Map<String, JsonNode>>() { })
                    .values()) {
                if (entry.path("category").isTextual() && entry.path("name").isTextual()) {
                    keywords.computeIfAbsent(entry.path("category").asText(), c -> new LinkedHashSet<>())
                            .add(entry.path("name").asText());
                }
            }
        }
        List<Map<String, Object>> services = new ArrayList<>();
        categories.forEach((code, name) -> {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("service_code", code);
            service.put("service_name", name);
            service.put("description", name);
            service.put("metadata", false);
            service.put("type", "realtime");
            service.put("keywords", String.join(",", keywords.getOrDefault(code, Set.of())));
            service.put("group", properties.open311ServiceGroup());
            services.add(service);
        });
        return services;
    }

    /** GET requests.json with the spec's parameters; service_request_id, when given, overrides the others. */
    public List<Map<String, Object>> requests(@Header("jurisdiction_id") String jurisdictionId,
            @Header("service_request_id") String serviceRequestIds, @Header("service_code") String serviceCodes,
            @Header("start_date") String startDate, @Header("end_date") String endDate,
            @Header("status") String status) {
        List<String> ids = CaseApi.list(serviceRequestIds);
        if (ids.size() > properties.open311MaxRequests()) {
            throw new IllegalArgumentException("at most " + properties.open311MaxRequests() + " service_request_id values");
        }
        Open311Window window = Open311Window.of(startDate, endDate, OffsetDateTime.now(ZoneOffset.UTC),
                properties.open311MaxDays());
        CaseFilter filter = new CaseFilter(null, CaseApi.list(serviceCodes),
                Open311Requests.statuses(CaseApi.list(status)), null, null, null, window.start(), window.end(), null,
                null, null, null, null, null);
        return answer(cases.requests(CaseRepository.callerScope(), jurisdiction(jurisdictionId), filter, ids, properties.open311MaxRequests()));
    }

    /** GET requests/{id}.json: a one-element array, as the spec has it. */
    public List<Map<String, Object>> request(@Header("jurisdiction_id") String jurisdictionId, @Header("request") String file) {
        if (file == null || !file.endsWith(SUFFIX) || file.length() == SUFFIX.length()) {
            throw new CaseNotFoundException("only the .json format is served");
        }
        String id = file.substring(0, file.length() - SUFFIX.length());
        List<CaseRow> found = cases.requests(CaseRepository.callerScope(), jurisdiction(jurisdictionId), CaseFilter.NONE, List.of(id), 1);
        if (found.isEmpty()) {
            throw new CaseNotFoundException("service_request_id " + id + " not found");
        }
        return answer(found);
    }

    private List<Map<String, Object>> answer(List<CaseRow> rows) {
        Map<String, String> names = categories();
        Map<String, ObjectNode> data = new LinkedHashMap<>();
        rows.forEach(row -> data.put(row.caseId(), CaseTexts.scrubbed(CaseTexts.read(json, row.caseJson()))));
        deadlines.show(data);
        return rows.stream().map(row -> Open311Requests.serviceRequest(row, data.get(row.caseId()), names, divisions::name))
                .toList();
    }

    /** The unit named by jurisdiction_id as a second restriction, inside the caller's own. */
    private ScopeRestriction jurisdiction(String code) {
        if (CaseApi.blank(code)) {
            return null;
        }
        try {
            return scopes.resolve(code.strip()).restriction("c.division_code");
        } catch (IllegalArgumentException e) {
            throw new CaseNotFoundException("jurisdiction_id " + code.strip() + " not found");
        }
    }


    private Map<String, String> categories() {
        return read(CATEGORIES, new TypeReference<LinkedHashMap<String, String>>() { });
    }

    private <T> T read(String path, TypeReference<T> type) {
        try {
            return json.readValue(home.read(path), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(path + " is not valid JSON", e);
        }
    }
}
