package org.casehub.warning;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.core.BeijingTime;
import org.casehub.core.FeedRecord;
import org.casehub.index.RecordsStored;
import org.springframework.stereotype.Component;

/**
 * Keeps the daily series current as the index stores records: told inside the index transaction of the records it
 * stored, it counts those seen for the first time (one batched statement, two when some are new), so the series commit
 * with the cases and never disagree with them. A record is counted where and as it was first reported — its unit
 * (the street, or the functional zone, or the finest coarser code when the record names no street), its unified
 * category, its feed and the Beijing day of its report time; a later update of it changes nothing here. A record the
 * network could not place, or without a category, is not counted.
 */
@Component
public class SeriesCounter implements RecordsStored {

    private static final int STREET = 9;

    private final SeriesRepository series;

    public SeriesCounter(SeriesRepository series) {
        this.series = series;
    }

    @Override
    public void stored(List<FeedRecord> records, Function<FeedRecord, String> caseOf) {
        List<SeriesRepository.Counted> rows = new ArrayList<>(records.size());
        for (FeedRecord record : records) {
            String caseId = caseOf.apply(record);
            if (caseId != null) {
                counted(record.feed(), record.recordId(), caseId, record.canonical(), record.receivedAt().atOffset(ZoneOffset.UTC))
                        .ifPresent(rows::add);
            }
        }
        series.count(rows);
    }

    /** The row a stored record counts as, if it can be placed and has a category. */
    static Optional<SeriesRepository.Counted> counted(String feed, String recordId, String caseId,
                                                                JsonNode canonical, OffsetDateTime received) {
        String category = canonical.path("category").asText("");
        String unit = unit(canonical.path("location").path("divisionCode").asText(""));
        if (category.isEmpty() || unit == null) {
            return Optional.empty();
        }
        OffsetDateTime reported = reportedAt(canonical.path("reportedAt").asText(""), received);
        return Optional.of(new SeriesRepository.Counted(feed, recordId, caseId, unit, category, reported,
                reported.atZoneSameInstant(BeijingTime.ZONE).toLocalDate()));
    }

    /** The street (9 digits) of a finer code; a zone's code or a coarser code as it is; null when none. */
    static String unit(String divisionCode) {
        if (divisionCode.isEmpty()) {
            return null;
        }
        boolean zone = !divisionCode.chars().allMatch(Character::isDigit);
        return zone || divisionCode.length() <= STREET ? divisionCode : divisionCode.substring(0, STREET);
    }

    private static OffsetDateTime reportedAt(String text, OffsetDateTime received) {
        if (text.isEmpty()) {
            return received;
        }
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return received;
        }
    }
}
