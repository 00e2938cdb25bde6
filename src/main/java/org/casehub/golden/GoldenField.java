package org.casehub.golden;

import java.util.List;

/**
 * A field of the golden record, named as its provenance shows it, with the properties of the canonical case it
 * takes together from one source (a category with the source's own code, a status with the source's wording), the
 * first being the one a source must have to give the field.
 */
enum GoldenField {
    TITLE("title", "title"),
    DESCRIPTION("description", "description"),
    CATEGORY("category", "category", "sourceCategory"),
    PLACE("place", "location"),
    OCCURRED_AT("occurredAt", "occurredAt"),
    REPORTED_AT("reportedAt", "reportedAt"),
    PERSONS("persons", "persons"),
    STATUS("status", "status", "sourceStatus"),
    DEADLINE("deadline", "deadlines");

    private final String label;
    private final List<String> properties;

    GoldenField(String label, String... properties) {
        this.label = label;
        this.properties = List.of(properties);
    }

    /** The field's name in {@code provenance}. */
    String label() {
        return label;
    }

    /** The case's properties taken with it, the deciding one first. */
    List<String> properties() {
        return properties;
    }
}
