package org.casehub.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class SeriesCounterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2026-12-05T01:00:00Z");

    @Test
    void aRecordCountsInItsStreetOrZoneOrTheFinestCoarserCode() {
        assertThat(SeriesCounter.unit("440305007012")).isEqualTo("440305007");
        assertThat(SeriesCounter.unit("440305007")).isEqualTo("440305007");
        assertThat(SeriesCounter.unit("440305")).isEqualTo("440305");
        assertThat(SeriesCounter.unit("4403DP")).isEqualTo("4403DP");
        assertThat(SeriesCounter.unit("")).isNull();
    }

    @Test
    void aRecordCountsOnTheBeijingDayOfItsReportTime() throws Exception {
        var canonical = JSON.readTree("""
                {"category": "noise", "reportedAt": "2026-12-04T23:30:00+08:00",
                 "location": {"divisionCode": "440303003022"}}""");
        var row = SeriesCounter.counted("livelihood", "W1", "CASE", canonical, RECEIVED).orElseThrow();

        assertThat(row.unitCode()).isEqualTo("440303003");
        assertThat(row.category()).isEqualTo("noise");
        assertThat(row.day()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(row.reportedAt().toInstant()).isEqualTo(OffsetDateTime.parse("2026-12-04T15:30:00Z").toInstant());
    }

    @Test
    void aRecordWithoutPlaceOrCategoryIsNotCounted() throws Exception {
        assertThat(SeriesCounter.counted("livelihood", "W2", "CASE", JSON.readTree("{\"category\": \"noise\"}"), RECEIVED))
                .isEmpty();
        assertThat(SeriesCounter.counted("livelihood", "W3", "CASE",
                JSON.readTree("{\"location\": {\"divisionCode\": \"440303\"}}"), RECEIVED)).isEmpty();
    }

    @Test
    void theLetterFillsItsPlaceholdersAndLeavesUnknownOnesAsWritten() {
        assertThat(WarningLetters.fill("{unitName}：{observed}件，{nothing}", Map.of("unitName", "新安街道", "observed", "9")))
                .isEqualTo("新安街道：9件，{nothing}");
    }
}
