package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.junit.jupiter.api.Test;

class InputQualityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");

    private final InputQuality quality = new InputQuality(
            new InputQuality.DateWindow(LocalDate.parse("1990-01-01"), Duration.ofMinutes(10)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static FeedRecord mapped(String source, String canonical) throws Exception {
        FeedRecord record = new FeedRecord("test", source.getBytes(StandardCharsets.UTF_8), Map.of(), NOW);
        record.parsed(JSON.readTree(source));
        record.mapped((ObjectNode) JSON.readTree(canonical));
        return record;
    }

    @Test
    void registrationDateIn2099IsRefusedNamingTheFieldAndTheWindow() throws Exception {
        FeedRecord record = mapped("{}", "{\"reportedAt\": \"2099-01-01T08:00:00+08:00\", \"updatedAt\": \"2026-12-05T10:00:00+08:00\"}");

        RecordRejectedException e = catchThrowableOfType(() -> quality.check(record), RecordRejectedException.class);

        assertThat(e.stage()).isEqualTo("dates");
        assertThat(e.reasons()).containsExactly("reportedAt 2099-01-01T08:00:00+08:00 is in the future (more than PT10M"
                + " after now; casehub.input.dates.future-skew)");
    }

    @Test
    void dateBeforeTheFloorIsRefused() throws Exception {
        FeedRecord record = mapped("{}", "{\"occurredAt\": \"1900-01-01T00:00:00+08:00\"}");

        RecordRejectedException e = catchThrowableOfType(() -> quality.check(record), RecordRejectedException.class);

        assertThat(e.reasons()).containsExactly("occurredAt 1900-01-01T00:00:00+08:00 is before 1990-01-01"
                + " (casehub.input.dates.earliest)");
    }

    @Test
    void clocksAFewMinutesAheadAreAccepted() throws Exception {
        FeedRecord record = mapped("{}", "{\"reportedAt\": \"2026-12-05T11:05:00+08:00\"}");

        quality.check(record);

        assertThat(record.canonical().has("dataWarnings")).isFalse();
    }

    @Test
    void mojibakeInTheSourceIsFlaggedOnTheCaseNamingTheFieldWithoutQuotingIt() throws Exception {
        FeedRecord record = mapped("{\"title\": \"é”™è¯¯\", \"citizen\": {\"name\": \"ÕÅÈý\"}, \"ok\": \"噪音扰民\"}",
                "{\"title\": \"é”™è¯¯\"}");

        quality.check(record);

        assertThat(record.canonical().path("dataWarnings")).isEqualTo(JSON.readTree("""
                [{"field": "/title", "problem": "mojibake: UTF-8 read as Latin-1"},
                 {"field": "/citizen/name", "problem": "mojibake: GBK read as Latin-1"}]"""));
    }
}
