package org.casehub.cases;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.index.CaseRepository;
import org.casehub.index.CaseRepository.CaseRow;

/**
 * Cases as GeoReport v2 service requests, and Open311's status parameter as unified statuses. Times are shown in
 * Asia/Shanghai, the cases' own zone; the stored instants are the same.
 */
public final class Open311Requests {

    /** The unified statuses a case has while it is open: every one but {@code closed}. */
    public static final List<String> OPEN_STATUSES = List.of("received", "accepted", "in-progress", "answered", "review");
    public static final String CLOSED = "closed";

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final List<String> TIERS_FINEST_FIRST = List.of("community", "street", "district", "city", "province");

    private Open311Requests() {
    }

    /**
     * One service request.
     *
     * @param data          the case as the API shows it (free text scrubbed)
     * @param serviceNames  unified category → name
     * @param divisionNames division code → name, for a case whose path names no unit
     */
    public static Map<String, Object> serviceRequest(CaseRow row, JsonNode data, Map<String, String> serviceNames,
                                                     Function<String, Optional<String>> divisionNames) {
        JsonNode location = data.path("location");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", row.caseId());
        request.put("status", CLOSED.equals(row.status()) ? "closed" : "open");
        request.put("status_notes", text(data, "sourceStatus").orElse(row.status()));
        request.put("service_name", serviceNames.getOrDefault(row.category(), row.category()));
        request.put("service_code", row.category());
        request.put("description", text(data, "description").or(() -> text(data, "title")).orElse(null));
        request.put("agency_responsible", agency(location, row.divisionCode(), divisionNames));
        request.put("service_notice", null);
        request.put("requested_datetime", w3c(row.createdAt()));
        request.put("updated_datetime", w3c(row.updatedAt()));
        // the deadline that runs out first (the statutory clock's), else the source's own
        request.put("expected_datetime", text(data.path("deadlines"), "current").or(() -> text(data.path("deadlines"), "expected"))
                .map(at -> w3c(OffsetDateTime.parse(at))).orElse(null));
        request.put("address", text(location, "address").orElse(null));
        request.put("lat", location.path("lat").isNumber() ? location.path("lat").decimalValue() : null);
        request.put("long", location.path("lng").isNumber() ? location.path("lng").decimalValue() : null);
        // casehub's extension of GeoReport v2: which source each field came from (the golden record)
        request.put("provenance", data.path("provenance").isObject() ? data.get("provenance") : null);
        return request;
    }

    /**
     * The unified statuses of Open311's {@code status} parameter (open, closed, or both comma-separated); empty for any.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static List<String> statuses(List<String> open311Statuses) {
        Set<String> unified = new LinkedHashSet<>();
        for (String status : open311Statuses) {
            switch (status) {
                case "open" -> unified.addAll(OPEN_STATUSES);
                case "closed" -> unified.add(CLOSED);
                default -> throw new IllegalArgumentException("status must be open or closed, not '" + status + "'");
            }
        }
        return unified.size() == OPEN_STATUSES.size() + 1 ? List.of() : new ArrayList<>(unified);
    }

    /** The finest unit the case's path names (the community, else the street, …), else the division's registry name. */
    static String agency(JsonNode location, String divisionCode, Function<String, Optional<String>> divisionNames) {
        for (String tier : TIERS_FINEST_FIRST) {
            Optional<String> name = text(location.path("path").path(tier), "name");
            if (name.isPresent()) {
                return name.get();
            }
        }
        return divisionCode == null ? null : divisionNames.apply(divisionCode).orElse(null);
    }

    private static String w3c(OffsetDateTime at) {
        return W3C.format(at.atZoneSameInstant(ZONE));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
