package org.casehub.dedup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.core.PersonHashes;

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

    /**
     * For deciding only, while stored hashes are moved to a new hash key or suite: these facts with the persons also
     * under the previous one, so that the record finds (blocking keys) and matches ({@link PersonMatch}: the strongest
     * pair counts, and a pair of two generations never looks like the same person) the cases not moved yet. Never
     * stored: a case keeps its persons under the current key only.
     *
     * @param previous the persons' previous hashes in the order of the case's persons (reporters included), or empty
     */
    public CaseFacts alsoUnder(List<PersonHashes> previous, JsonNode canonicalCase) {
        if (previous.isEmpty()) {
            return this;
        }
        List<PersonKey> all = new ArrayList<>(persons);
        int i = 0;
        for (JsonNode person : canonicalCase.path("persons")) {
            PersonHashes hashes = i < previous.size() ? previous.get(i) : null;
            i++;
            String role = person.path("role").asText("");
            if (hashes == null || REPORTER.equals(role)) {
                continue;
            }
            PersonKey key = new PersonKey(role, hashes.idNumber(), person.path("idNumberValid").asBoolean(false),
                    hashes.phone(), hashes.name());
            if (key.comparable()) {
                all.add(key);
            }
        }
        return new CaseFacts(category, divisionCode, reportedAt, title, description, address, all);
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
