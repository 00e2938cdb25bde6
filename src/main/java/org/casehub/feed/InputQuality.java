package org.casehub.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * What a schema cannot say about a mapped record. Its dates must be plausible: a registration in 2099 or 1900 is a
 * source's bug, and stored it would skew deadlines, windows and retention, so the record is refused (quarantined,
 * replayable once the source is fixed). Its text must read as itself: text that decoded but shows encoding
 * confusion ({@link Mojibake}) is kept and flagged on the case ({@code dataWarnings}), as it may be all the source has.
 */
@Component("inputQuality")
public class InputQuality {

    /** the canonical case's own times (schemas/case.schema.json); deadlines may lie far ahead */
    private static final List<String> DATES = List.of("occurredAt", "reportedAt", "updatedAt");

    private final DateWindow window;
    private final Clock clock;

    @Autowired
    public InputQuality(DateWindow window) {
        this(window, Clock.systemUTC());
    }

    InputQuality(DateWindow window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    public void check(FeedRecord record) {
        List<String> implausible = implausibleDates(record.canonical());
        if (!implausible.isEmpty()) {
            throw new RecordRejectedException("dates", implausible);
        }
        ArrayNode warnings = record.canonical().arrayNode();
        mojibake(record.source(), warnings);
        if (!warnings.isEmpty()) {
            record.canonical().set("dataWarnings", warnings);
        }
    }

    private List<String> implausibleDates(ObjectNode canonical) {
        Instant latest = clock.instant().plus(window.futureSkew());
        List<String> reasons = new ArrayList<>();
        for (String field : DATES) {
            JsonNode value = canonical.get(field);
            if (value == null || !value.isTextual()) {
                continue;
            }
            OffsetDateTime at;
            try {
                at = OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException e) {
                continue; // the case schema names a malformed date-time
            }
            if (at.toLocalDate().isBefore(window.earliest())) {
                reasons.add(field + " " + value.asText() + " is before " + window.earliest()
                        + " (casehub.input.dates.earliest)");
            } else if (at.toInstant().isAfter(latest)) {
                reasons.add(field + " " + value.asText() + " is in the future (more than " + window.futureSkew()
                        + " after now; casehub.input.dates.future-skew)");
            }
        }
        return reasons;
    }

    private static void mojibake(JsonNode source, ArrayNode warnings) {
        JsonTexts.walk(source, false, (text, place, isKey) -> {
            Mojibake.diagnose(text).ifPresent(kind ->
                    warnings.addObject().put("field", place.pointer().toString()).put("problem", "mojibake: " + kind));
            return true;
        });
    }

    /**
     * The plausible window of a record's own dates (occurredAt, reportedAt, updatedAt).
     *
     * @param earliest   no date before this day (Beijing or whatever offset the date carries)
     * @param futureSkew how far ahead of the hub's clock a date may be: sources' clocks drift
     */
    @ConfigurationProperties("casehub.input.dates")
    public record DateWindow(@DefaultValue("1990-01-01") LocalDate earliest, @DefaultValue("PT10M") Duration futureSkew) {
    }
}
