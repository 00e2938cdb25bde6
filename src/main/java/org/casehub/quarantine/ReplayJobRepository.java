package org.casehub.quarantine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.casehub.core.SqlWhere;
import org.casehub.core.Ulid;
import org.casehub.jobs.BackgroundJobs;
import org.casehub.jobs.JobProgress;
import org.casehub.jobs.JobRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Background replays of quarantine (table {@code quarantine_replay}): what was asked, by whom, and how far it got,
 * so that any hub instance can answer {@code GET /api/quarantine/replays/{id}}. A running job names the instance
 * running it ({@code runner}) and carries that instance's heartbeat ({@code heartbeat_at}, on the database's clock, so
 * that the instances' clocks do not matter); a state moves away from running once only.
 */
@Repository
public class ReplayJobRepository {

    private final JdbcTemplate jdbc;

    public ReplayJobRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param criteria what was asked, as JSON (no personal data: ids, feed, stage, reason text, times) */
    public record Job(String id, String requestedBy, OffsetDateTime requestedAt, String criteria, String state, int total,
                      int done, int passed, int failed, int skipped, OffsetDateTime updatedAt, OffsetDateTime finishedAt,
                      String message, String runner, OffsetDateTime heartbeatAt) {

        /** Share done, rate and time left, for the API and the status page. */
        @JsonProperty
        public JobProgress progress() {
            return JobProgress.of(total, done, requestedAt.toInstant(), finishedAt == null ? null : finishedAt.toInstant(),
                    Instant.now());
        }
    }

    /** A running job of the instance {@code runner}, its heartbeat beating from now. */
    public Job create(String requestedBy, String criteria, int total, String runner) {
        String id = Ulid.next();
        OffsetDateTime now = now();
        jdbc.update("INSERT INTO quarantine_replay (id, requested_by, requested_at, criteria, state, total, done, passed,"
                + " failed, skipped, updated_at, runner, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?,"
                + " CURRENT_TIMESTAMP)", id, requestedBy, now, criteria, JobRows.RUNNING, total, now, runner);
        return find(id).orElseThrow();
    }

    /**
     * Adds a batch's results to the job's progress, and beats its heartbeat.
     *
     * @return false when the job is no longer running (another instance took it for left and marked it interrupted):
     *         its runner stops
     */
    public boolean progress(String id, int passed, int failed, int skipped) {
        return jdbc.update("UPDATE quarantine_replay SET done = done + ?, passed = passed + ?, failed = failed + ?,"
                + " skipped = skipped + ?, updated_at = ?, heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND state = ?",
                passed + failed + skipped, passed, failed, skipped, now(), id, JobRows.RUNNING) == 1;
    }

    /** Beats the heartbeat of every job that the instance {@code runner} runs. */
    public void heartbeat(String runner) {
        jdbc.update("UPDATE quarantine_replay SET heartbeat_at = CURRENT_TIMESTAMP WHERE runner = ? AND state = ?",
                runner, JobRows.RUNNING);
    }

    /** Ends a running job; false when it was no longer running. */
    public boolean finish(String id, String state, String message) {
        return JobRows.finish(jdbc, "quarantine_replay", id, state, message);
    }

    /**
     * Marks interrupted the running jobs left by an instance that is gone: their heartbeat is older than
     * {@code staleAfter} (or missing), or their runner is {@code restarted} — this instance's own name, given at its
     * start, when no job of it can be running yet (null: none). A job whose heartbeat beats meanwhile is left alone.
     *
     * @return the jobs marked, as they were before
     */
    public List<Job> interruptLeft(Duration staleAfter, String restarted) {
        String stale = BackgroundJobs.leftBehind(staleAfter);
        List<Job> left = jdbc.query("SELECT * FROM quarantine_replay WHERE state = ? AND " + stale,
                ReplayJobRepository::job, JobRows.RUNNING, restarted);
        OffsetDateTime now = now();
        return left.stream().filter(job -> jdbc.update("UPDATE quarantine_replay SET state = ?, message = ?, updated_at = ?,"
                + " finished_at = ? WHERE id = ? AND state = ? AND " + stale, JobRows.INTERRUPTED, JobRows.clip(leftMessage(job)), now, now,
                job.id(), JobRows.RUNNING, restarted) == 1).toList();
    }

    private static String leftMessage(Job job) {
        return "the hub instance running it (" + (job.runner() == null ? "unknown" : job.runner()) + ") stopped or crashed: "
                + (job.heartbeatAt() == null ? "no heartbeat" : "last heartbeat " + job.heartbeatAt().toInstant())
                + "; the rows not reached are still open, start a new replay";
    }

    /** The replays running now, oldest first (the status page shows their progress). */
    public List<Job> running() {
        return jdbc.query("SELECT * FROM quarantine_replay WHERE state = ? ORDER BY requested_at", ReplayJobRepository::job,
                JobRows.RUNNING);
    }

    public Optional<Job> find(String id) {
        return jdbc.query("SELECT * FROM quarantine_replay WHERE id = ?", ReplayJobRepository::job, id).stream().findFirst();
    }

    private static Job job(ResultSet rs, int n) throws SQLException {
        return new Job(rs.getString("id"), rs.getString("requested_by"), SqlWhere.utc(rs, "requested_at"),
                rs.getString("criteria"), rs.getString("state"), rs.getInt("total"), rs.getInt("done"), rs.getInt("passed"),
                rs.getInt("failed"), rs.getInt("skipped"), SqlWhere.utc(rs, "updated_at"), SqlWhere.utc(rs, "finished_at"),
                rs.getString("message"), rs.getString("runner"), SqlWhere.utc(rs, "heartbeat_at"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Deletes at most {@code limit} replays finished before {@code cutoff}, oldest first; returns how many. */
    public int deleteFinishedBefore(OffsetDateTime cutoff, int limit) {
        return jdbc.update("DELETE FROM quarantine_replay WHERE id IN (SELECT id FROM quarantine_replay"
                + " WHERE finished_at < ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY)", cutoff);
    }
}
