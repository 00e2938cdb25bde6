package org.casehub.unmapped;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.casehub.support.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Re-map jobs on the real schema (H2, migrated by Flyway): progress, heartbeat, and those a crashed instance left. */
class RemapJobsTest {

    private JdbcTemplate jdbc;
    private RemapJobs jobs;

    @BeforeEach
    void schema() {
        DriverManagerDataSource db = MemoryIndex.migrated("remap");
        jdbc = new JdbcTemplate(db);
        jobs = new RemapJobs(jdbc);
    }

    @Test
    void aReMapWhoseHeartbeatWentStaleIsMarkedInterruptedAndItsRunnerStopsAtItsNextBatch() {
        RemapJobs.Job left = jobs.create("it-operator", "livelihood.matterType", "劳动保障/欠薪讨要", 10, "hub-a");
        RemapJobs.Job alive = jobs.create("it-operator", "livelihood.matterType", null, 5, "hub-b");
        jdbc.update("UPDATE remap_job SET heartbeat_at = CURRENT_TIMESTAMP - INTERVAL '120' SECOND WHERE id = ?", left.id());

        assertThat(jobs.interruptLeft(Duration.ofMinutes(1), null)).isEqualTo(1);

        assertThat(jobs.find(left.id()).orElseThrow().state()).isEqualTo("interrupted");
        assertThat(jobs.find(left.id()).orElseThrow().message()).contains("stopped or crashed");
        assertThat(jobs.progress(left.id(), 1, 0, 0)).as("its runner learns it at its next batch").isFalse();
        assertThat(jobs.progress(alive.id(), 2, 1, 0)).isTrue();
        RemapJobs.Job progressed = jobs.find(alive.id()).orElseThrow();
        assertThat(progressed.done()).isEqualTo(3);
        assertThat(progressed.changed()).isEqualTo(2);
        assertThat(progressed.runner()).isEqualTo("hub-b");
        assertThat(progressed.heartbeatAt()).isNotNull();
    }

    @Test
    void anInstanceRestartedUnderItsNameMarksItsOwnRunningReMapsInterruptedAtOnce() {
        RemapJobs.Job mine = jobs.create("it-operator", "livelihood.matterType", null, 10, "hub-a");

        assertThat(jobs.interruptLeft(Duration.ofMinutes(1), "hub-b")).isZero();
        assertThat(jobs.interruptLeft(Duration.ofMinutes(1), "hub-a")).isEqualTo(1);
        assertThat(jobs.finish(mine.id(), "finished", null)).as("already ended").isFalse();
    }
}
