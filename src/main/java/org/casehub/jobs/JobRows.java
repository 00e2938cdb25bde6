package org.casehub.jobs;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every job table (quarantine_replay, remap_job, pii_reseal_job) shares: its states, which move away from
 * running once only, and the two updates of a job's end — finishing a running job, and marking interrupted the running
 * jobs an instance left behind. Each table's repository stays the one owner of its SQL and names its table here.
 */
public final class JobRows {

    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    /**
     * the hub stopped (or crashed: no heartbeat) before the job was done: what it did not reach is left as it was,
     * and a new job (or a resumed one) takes it
     */
    public static final String INTERRUPTED = "interrupted";
    public static final String FAILED = "failed";

    private static final int MAX_MESSAGE = 500;

    private JobRows() {
    }

    /** Ends a running job of {@code table}; false when it was no longer running. */
    public static boolean finish(JdbcTemplate jdbc, String table, String id, String state, String message) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return jdbc.update("UPDATE " + table + " SET state = ?, message = ?, updated_at = ?, finished_at = ? WHERE id = ?"
                + " AND state = ?", state, clip(message), now, now, id, RUNNING) == 1;
    }

    /**
     * Marks interrupted, with {@code message}, the running jobs of {@code table} whose heartbeat is older than
     * {@code staleAfter}, or whose runner is {@code restarted} (this instance's own name at its start, when none of its
     * jobs can be running yet; null: none).
     *
     * @return how many were marked
     */
    public static int interruptLeft(JdbcTemplate jdbc, String table, Duration staleAfter, String restarted, String message) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return jdbc.update("UPDATE " + table + " SET state = ?, message = ?, updated_at = ?, finished_at = ? WHERE state = ?"
                + " AND " + BackgroundJobs.leftBehind(staleAfter), INTERRUPTED, clip(message), now, now, RUNNING, restarted);
    }

    /** A message as a job row keeps it: at most 500 characters. */
    public static String clip(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE);
    }
}
