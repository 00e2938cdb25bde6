package org.casehub.reseal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.casehub.core.SqlWhere;
import org.casehub.core.Ulid;
import org.casehub.jobs.JobProgress;
import org.casehub.jobs.JobRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Re-seal jobs (table {@code pii_reseal_job}): what they move the data to, how far they got — the last case done, then
 * the last quarantine row — so that a job interrupted goes on after its cursor when started again, and which instance
 * runs one ({@code runner}, beating {@code heartbeat_at} on the database's clock).
 */
@Repository
public class ResealJobs {

    private final JdbcTemplate jdbc;

    public ResealJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param targetKeyId     the encryption key (and suite) the sealed data is moved to
     * @param targetHashKeyId the hash key (and suite) the matching hashes are moved to
     * @param fromHashKeyId   the hash key they are moved from, or null when only sealed data moves
     * @param total           cases to go through (the quarantine rows are counted apart, in {@code quarantined})
     * @param changed         cases whose rows changed
     */
    public record Job(String id, String requestedBy, String requestedAt, String targetKeyId, String targetHashKeyId,
                      String fromHashKeyId, String state, int total, int done, int changed, int quarantined,
                      String caseCursor, Long quarantineCursor, String finishedAt, String message, String runner,
                      String heartbeatAt) {

        /** Share done, rate and time left, for the API. */
        @JsonProperty
        public JobProgress progress() {
            return JobProgress.of(total, done, Instant.parse(requestedAt), finishedAt == null ? null : Instant.parse(finishedAt),
                    Instant.now());
        }
    }

    public Job create(String requestedBy, String targetKeyId, String targetHashKeyId, String fromHashKeyId, int total,
                      String runner) {
        String id = Ulid.next();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO pii_reseal_job (id, requested_by, requested_at, target_key_id, target_hash_key_id,"
                + " from_hash_key_id, state, total, done, changed, quarantined, updated_at, runner, heartbeat_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, CURRENT_TIMESTAMP)", id, requestedBy, now, targetKeyId,
                targetHashKeyId, fromHashKeyId, JobRows.RUNNING, total, now, runner);
        return find(id).orElseThrow();
    }

    /** The latest job towards this target that did not finish (interrupted or failed), to go on from its cursor. */
    public Optional<Job> unfinished(String targetKeyId, String targetHashKeyId) {
        return jdbc.query("SELECT * FROM pii_reseal_job WHERE target_key_id = ? AND target_hash_key_id = ? AND state IN (?, ?)"
                + " ORDER BY requested_at DESC FETCH FIRST 1 ROWS ONLY", ResealJobs::job, targetKeyId, targetHashKeyId,
                JobRows.INTERRUPTED, JobRows.FAILED).stream().findFirst();
    }

    /** Runs a job left unfinished again on this instance, from its cursor; false if another took it meanwhile. */
    public boolean resume(String id, String runner) {
        return jdbc.update("UPDATE pii_reseal_job SET state = ?, message = NULL, finished_at = NULL, runner = ?,"
                + " heartbeat_at = CURRENT_TIMESTAMP, updated_at = ? WHERE id = ? AND state <> ?", JobRows.RUNNING,
                runner, OffsetDateTime.now(ZoneOffset.UTC), id, JobRows.RUNNING) == 1;
    }

    /** Records a batch of cases and beats the heartbeat; false when the job is no longer running. */
    public boolean casesDone(String id, int done, int changed, String caseCursor) {
        return jdbc.update("UPDATE pii_reseal_job SET done = done + ?, changed = changed + ?, case_cursor = ?, updated_at = ?,"
                + " heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND state = ?", done, changed, caseCursor,
                OffsetDateTime.now(ZoneOffset.UTC), id, JobRows.RUNNING) == 1;
    }

    /** Records a batch of quarantine rows and beats the heartbeat; false when the job is no longer running. */
    public boolean quarantineDone(String id, int resealed, long quarantineCursor) {
        return jdbc.update("UPDATE pii_reseal_job SET quarantined = quarantined + ?, quarantine_cursor = ?, updated_at = ?,"
                + " heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND state = ?", resealed, quarantineCursor,
                OffsetDateTime.now(ZoneOffset.UTC), id, JobRows.RUNNING) == 1;
    }

    /** Ends a running job; false when it was no longer running. */
    public boolean finish(String id, String state, String message) {
        return JobRows.finish(jdbc, "pii_reseal_job", id, state, message);
    }

    /**
     * Marks interrupted the running jobs whose heartbeat is older than {@code staleAfter}, or whose runner is
     * {@code restarted} (this instance at its start; null: none). They go on from their cursor when started again.
     */
    public int interruptLeft(Duration staleAfter, String restarted) {
        return JobRows.interruptLeft(jdbc, "pii_reseal_job", staleAfter, restarted, "the hub instance running it stopped or crashed; start the re-seal again");
    }

    /** The latest job, running or not. */
    public Optional<Job> latest() {
        return jdbc.query("SELECT * FROM pii_reseal_job ORDER BY requested_at DESC FETCH FIRST 1 ROWS ONLY", ResealJobs::job)
                .stream().findFirst();
    }

    /** The job running now, if any (one at a time). */
    public Optional<Job> running() {
        return jdbc.query("SELECT * FROM pii_reseal_job WHERE state = ? ORDER BY requested_at FETCH FIRST 1 ROWS ONLY",
                ResealJobs::job, JobRows.RUNNING).stream().findFirst();
    }

    public Optional<Job> find(String id) {
        return jdbc.query("SELECT * FROM pii_reseal_job WHERE id = ?", ResealJobs::job, id).stream().findFirst();
    }

    private static Job job(ResultSet rs, int n) throws SQLException {
        long cursor = rs.getLong("quarantine_cursor");
        Long quarantineCursor = rs.wasNull() ? null : cursor;
        return new Job(rs.getString("id"), rs.getString("requested_by"), instant(rs, "requested_at"),
                rs.getString("target_key_id"), rs.getString("target_hash_key_id"), rs.getString("from_hash_key_id"),
                rs.getString("state"), rs.getInt("total"), rs.getInt("done"), rs.getInt("changed"), rs.getInt("quarantined"),
                rs.getString("case_cursor"), quarantineCursor, instant(rs, "finished_at"), rs.getString("message"),
                rs.getString("runner"), instant(rs, "heartbeat_at"));
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = SqlWhere.utc(rs, column);
        return at == null ? null : at.toInstant().toString();
    }
}
