package org.casehub.unmapped;

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
import org.casehub.jobs.JobProgress;
import org.casehub.jobs.JobRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Re-maps that operators started (table {@code remap_job}), so that any hub instance answers
 * {@code GET /api/unmapped-codes/remaps/{id}}: what was asked, by whom, and how far it got. The instance running one
 * ({@code runner}) beats its heartbeat ({@code heartbeat_at}, on the database's clock); one whose heartbeat went stale
 * was left by an instance that stopped or crashed.
 */
@Repository
public class RemapJobs {

    private final JdbcTemplate jdbc;

    public RemapJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param code    the code re-mapped, or null for every code of the list
     * @param changed records whose case changed (an event published for it)
     * @param runner  the instance running it, which beats {@code heartbeatAt}
     */
    public record Job(String id, String requestedBy, String requestedAt, String list, String code, String state, int total,
                      int done, int changed, int unchanged, int failed, String finishedAt, String message, String runner,
                      String heartbeatAt) {

        /** Share done, rate and time left, for the API and the status page. */
        @JsonProperty
        public JobProgress progress() {
            return JobProgress.of(total, done, Instant.parse(requestedAt), finishedAt == null ? null : Instant.parse(finishedAt),
                    Instant.now());
        }
    }

    /** A running re-map of the instance {@code runner}, its heartbeat beating from now. */
    public Job create(String requestedBy, String list, String code, int total, String runner) {
        String id = Ulid.next();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO remap_job (id, requested_by, requested_at, list_name, code, state, total, done, changed,"
                + " unchanged, failed, updated_at, runner, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?,"
                + " CURRENT_TIMESTAMP)", id, requestedBy, now, list, code, JobRows.RUNNING, total, now, runner);
        return find(id).orElseThrow();
    }

    /** Adds a batch to the progress and beats the heartbeat; false when the re-map is no longer running. */
    public boolean progress(String id, int changed, int unchanged, int failed) {
        return jdbc.update("UPDATE remap_job SET done = done + ?, changed = changed + ?, unchanged = unchanged + ?,"
                + " failed = failed + ?, updated_at = ?, heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND state = ?",
                changed + unchanged + failed, changed, unchanged, failed, OffsetDateTime.now(ZoneOffset.UTC), id,
                JobRows.RUNNING) == 1;
    }

    /** Ends a running re-map; false when it was no longer running. */
    public boolean finish(String id, String state, String message) {
        return JobRows.finish(jdbc, "remap_job", id, state, message);
    }

    /**
     * Marks interrupted the running re-maps whose heartbeat is older than {@code staleAfter}, or whose runner is
     * {@code restarted} (this instance's own name at its start, when none of its re-maps can run yet; null: none).
     *
     * @return how many were marked
     */
    public int interruptLeft(Duration staleAfter, String restarted) {
        return JobRows.interruptLeft(jdbc, "remap_job", staleAfter, restarted, "the hub instance running it stopped or crashed; start the re-map again");
    }

    /** The re-maps running now, oldest first (the status page shows their progress). */
    public List<Job> running() {
        return jdbc.query("SELECT * FROM remap_job WHERE state = ? ORDER BY requested_at", RemapJobs::job,
                JobRows.RUNNING);
    }

    public Optional<Job> find(String id) {
        return jdbc.query("SELECT * FROM remap_job WHERE id = ?", RemapJobs::job, id).stream().findFirst();
    }

    private static Job job(ResultSet rs, int n) throws SQLException {
        return new Job(rs.getString("id"), rs.getString("requested_by"), instant(rs, "requested_at"),
                rs.getString("list_name"), rs.getString("code"), rs.getString("state"), rs.getInt("total"), rs.getInt("done"),
                rs.getInt("changed"), rs.getInt("unchanged"), rs.getInt("failed"), instant(rs, "finished_at"),
                rs.getString("message"), rs.getString("runner"), instant(rs, "heartbeat_at"));
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = SqlWhere.utc(rs, column);
        return at == null ? null : at.toInstant().toString();
    }
}
