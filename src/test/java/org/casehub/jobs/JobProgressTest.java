package org.casehub.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.casehub.quarantine.ReplayJobRepository;
import org.junit.jupiter.api.Test;

class JobProgressTest {

    private static final Instant START = Instant.parse("2026-12-05T02:00:00Z");

    @Test
    void aRunningJobShowsItsRateSinceItWasAskedForAndTheTimeLeftAtThatRate() {
        JobProgress progress = JobProgress.of(10_000, 2_500, START, null, START.plusSeconds(50));

        assertThat(progress.percent()).isEqualTo(25.0);
        assertThat(progress.perSecond()).isEqualTo(50.0);
        assertThat(progress.etaSeconds()).isEqualTo(150);
    }

    @Test
    void aStalledJobsRateFallsAndItsEstimateGrowsAsTimePasses() {
        JobProgress early = JobProgress.of(1_000, 100, START, null, START.plusSeconds(10));
        JobProgress later = JobProgress.of(1_000, 100, START, null, START.plusSeconds(100));

        assertThat(later.perSecond()).isLessThan(early.perSecond());
        assertThat(later.etaSeconds()).isGreaterThan(early.etaSeconds());
    }

    @Test
    void beforeTheFirstRecordTheRateAndEstimateAreUnknownNotZero() {
        JobProgress progress = JobProgress.of(1_000, 0, START, null, START.plusSeconds(30));

        assertThat(progress.perSecond()).isNull();
        assertThat(progress.etaSeconds()).isNull();
        assertThat(progress.percent()).isZero();
    }

    @Test
    void anEndedJobKeepsItsRateToItsEndAndHasNoEstimate() {
        JobProgress progress = JobProgress.of(400, 400, START, START.plusSeconds(8), START.plusSeconds(3_600));

        assertThat(progress.perSecond()).isEqualTo(50.0);
        assertThat(progress.etaSeconds()).isNull();
        assertThat(JobProgress.of(0, 0, START, START, START).percent()).isEqualTo(100.0);
    }

    @Test
    void aReplayJobAsTheApiWritesItCarriesItsProgress() {
        OffsetDateTime asked = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(20);
        ReplayJobRepository.Job job = new ReplayJobRepository.Job("01J", "ops", asked, "{}", "running", 100, 40, 40, 0, 0,
                asked, null, null, "hub-1", asked);

        JsonNode json = new ObjectMapper().registerModule(new JavaTimeModule()).valueToTree(job);

        assertThat(json.path("progress").path("percent").asDouble()).isEqualTo(40.0);
        assertThat(json.path("progress").path("perSecond").isNumber()).isTrue();
        assertThat(json.path("progress").path("etaSeconds").asLong()).isBetween(20L, 40L);
    }
}
