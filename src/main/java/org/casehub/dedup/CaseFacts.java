package org.casehub.dedup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the rule compares of a record or a case; for a case of several source records, the union of their persons.
 *
 * @param category     unified category (mappings/codes/categories.json)
 * @param divisionCode finest division code known (6, 9 or 12 digits), or null
 * @param reportedAt   when it was reported (else when it happened, else when received)
 * @param persons      the grievance's persons (petitioners, parties); never a grid event's reporter
 */
public record CaseFacts(String category, String divisionCode, Instant reportedAt, String title, String description,
                        String address, List<PersonKey> persons) {

    static final String REPORTER = "reporter";

    public CaseFacts {
        persons = persons == null ? List.of() : List.copyOf(persons);
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        address = address == null ? "" : address;
    }

    /**
     * The facts of a canonical case (schemas/case.schema.json) as the pipeline produces it: persons masked and hashed.
     *
     * @param fallbackTime the record's time when the case has neither reportedAt nor occurredAt
     */
    public static CaseFacts of(JsonNode canonicalCase, Instant fallbackTime) {
        JsonNode location = canonicalCase.path("location");
        List<PersonKey> persons = new ArrayList<>();
        for (JsonNode person : canonicalCase.path("persons")) {
            String role = person.path("role").asText("");
            if (REPORTER.equals(role)) {
                continue;
            }
            PersonKey key = new PersonKey(role, text(person, "idNumberHash"), person.path("idNumberValid").asBoolean(false),
                    text(person, "phoneHash"), text(person, "nameHash"));
            if (key.comparable()) {
                persons.add(key);
            }
        }
        Instant time = time(canonicalCase, "reportedAt");
        if (time == null) {
            time = time(canonicalCase, "occurredAt");
        }
        return new CaseFacts(text(canonicalCase, "category"), text(location, "divisionCode"),
                time == null ? fallbackTime : time, text(canonicalCase, "title"), text(canonicalCase, "description"),
                text(location, "address"), persons);
    }

    /** This case having absorbed a record: its own facts with the persons of both. */
    public CaseFacts withPersonsOf(CaseFacts other) {
        Set<PersonKey> union = new LinkedHashSet<>(persons);
        union.addAll(other.persons);
        return new CaseFacts(category, divisionCode, reportedAt, title, description, address, new ArrayList<>(union));
    }

    /** No person to compare: an anonymous record. */
    public boolean anonymous() {
        return persons.isEmpty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static Instant time(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
