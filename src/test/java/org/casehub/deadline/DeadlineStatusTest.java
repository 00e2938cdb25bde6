package org.casehub.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeadlineStatusTest {

    private static final DeadlineProperties PROPERTIES = new DeadlineProperties(List.of(), Duration.ofDays(60), "",
            0.8, Duration.ofDays(2), Duration.ofSeconds(30), Duration.ofSeconds(30), true);

    private static DeadlineStatus at(String instant) {
        return new DeadlineStatus(WorkingCalendarTest.shipped(), PROPERTIES, null,
                Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void theStatusPageWarnsWhenTheCalendarEndsWithinTheWarningPeriod() {
        assertThat(at("2026-12-05T01:00:00Z").calendar())
                .containsEntry("lastKnownYear", 2026)
                .hasEntrySatisfying("warning", w -> assertThat((String) w).contains("ends on 2026-12-31")
                        .contains("config/calendar/"));
    }

    @Test
    void noWarningWhileTheCalendarCoversTheComingMonths() {
        assertThat(at("2026-06-01T01:00:00Z").calendar()).containsEntry("warning", null);
    }
}
