package org.casehub.unmapped;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.casehub.index.UnmappedCodes;
import org.casehub.support.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A feed's share of records stored with a fallback, from the index (H2, migrated by Flyway), and its alarm. */
class UnmappedCodeHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:30:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private JdbcTemplate jdbc;
    private UnmappedCodeHealth health;

    @BeforeEach
    void schema() {
        DriverManagerDataSource db = MemoryIndex.migrated("unmapped-health");
        jdbc = new JdbcTemplate(db);
        health = new UnmappedCodeHealth(new UnmappedCodes(jdbc), new UnmappedProperties(Duration.ofHours(24), 0.2, 20),
                Duration.ZERO, meters, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void hour(String feed, String hourStart, long stored, long withFallback) {
        jdbc.update("INSERT INTO unmapped_share (feed, hour_start, stored, with_fallback) VALUES (?, ?, ?, ?)", feed,
                OffsetDateTime.parse(hourStart), stored, withFallback);
    }

    @Test
    void aShareAboveTheLevelWithEnoughRecordsRaisesTheAlarmAndItsGauges() {
        hour("livelihood", "2026-12-05T09:00:00Z", 30, 10);
        hour("livelihood", "2026-12-04T12:00:00Z", 10, 5);
        hour("livelihood", "2026-12-03T12:00:00Z", 1000, 0);

        UnmappedCodeHealth.Unmapped livelihood = health.of("livelihood");

        assertThat(livelihood.stored()).as("only the window's hours").isEqualTo(40);
        assertThat(livelihood.withFallback()).isEqualTo(15);
        assertThat(livelihood.share()).isEqualTo(0.375);
        assertThat(livelihood.alarm()).isTrue();
        assertThat(health.alarms()).singleElement().asString().startsWith("livelihood: 15 of 40 records (38 %)");
        assertThat(meters.get("casehub.feed.unmapped.records").tag("feed", "livelihood").gauge().value()).isEqualTo(15);
        assertThat(meters.get("casehub.feed.unmapped.alarm").tag("feed", "livelihood").gauge().value()).isEqualTo(1);
    }

    @Test
    void aLowShareOrTooFewRecordsRaiseNoAlarm() {
        hour("livelihood", "2026-12-05T09:00:00Z", 100, 20);
        hour("public-safety", "2026-12-05T09:00:00Z", 19, 19);

        assertThat(health.of("livelihood").alarm()).as("20 % is not above 20 %").isFalse();
        assertThat(health.of("public-safety").alarm()).as("19 records are too few").isFalse();
        assertThat(health.of("provincial-petition").stored()).isZero();
        assertThat(health.alarms()).isEmpty();
    }
}
