package org.casehub.golden;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The order of trust per field of the golden record ({@link GoldenRecord}): for each field, the feeds from the most
 * trusted to the least. Feeds not listed come after those listed; among equals the most recently received record
 * wins, so an empty order means "the most recent record's". Set in {@code config/application.yaml}
 * ({@code casehub.golden.trust.*}).
 */
@ConfigurationProperties("casehub.golden")
public record GoldenProperties(Trust trust) {

    public GoldenProperties {
        trust = trust == null ? new Trust(null, null, null, null, null, null, null, null, null) : trust;
    }

    /** Per field, the feeds from the most trusted to the least; none: the most recently received record's. */
    public record Trust(List<String> title, List<String> description, List<String> category, List<String> place,
                        List<String> occurredAt, List<String> reportedAt, List<String> persons, List<String> status,
                        List<String> deadline) {

        public Trust {
            title = orNone(title);
            description = orNone(description);
            category = orNone(category);
            place = orNone(place);
            occurredAt = orNone(occurredAt);
            reportedAt = orNone(reportedAt);
            persons = orNone(persons);
            status = orNone(status);
            deadline = orNone(deadline);
        }

        /** The order of trust of a field. */
        List<String> of(GoldenField field) {
            return switch (field) {
                case TITLE -> title;
                case DESCRIPTION -> description;
                case CATEGORY -> category;
                case PLACE -> place;
                case OCCURRED_AT -> occurredAt;
                case REPORTED_AT -> reportedAt;
                case PERSONS -> persons;
                case STATUS -> status;
                case DEADLINE -> deadline;
            };
        }

        private static List<String> orNone(List<String> feeds) {
            return feeds == null ? List.of() : List.copyOf(feeds);
        }
    }
}
