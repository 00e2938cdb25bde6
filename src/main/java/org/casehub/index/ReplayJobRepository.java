package org.casehub.index;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Background replays of quarantine (table {@code quarantine_replay}): what was asked, by whom, and how far it got,
 * so that any hub instance can answer {@code GET /api/quarantine/replays/{id}}.
 */
@Repository
public class ReplayJobRepository {

    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    /** the hub stopped before the job was done: the rows not reached are still open, a new replay takes them */
    public static final String INTERRUPTED = "interrupted";
    public static final String FAILED = "failed";

    private final JdbcTemplate jdbc;

    public ReplayJobRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param criteria what was asked, as JSON (no personal data: ids, feed, stage, reason text, times) */
    public record Job(String id, String requestedBy, OffsetDateTime requestedAt, String criteria, String state, int total,
                      int done, int passed, int failed, int skipped, OffsetDateTime updatedAt, OffsetDateTime finishedAt,
                      String message) {
    }

    public Job create(String requestedBy, String criteria, int total) {
        String id = Ulid.next();
        OffsetDateTime now = now();
        jdbc.update("INSERT INTO quarantine_replay (id, requested_by, requested_at, criteria, state, total, done, passed,"
                + " failed, skipped, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)", id, requestedBy, now, criteria,
                RUNNING, total, now);
        return find(id).orElseThrow();
    }

    /** Adds a batch's results to the job's progress. */
    public void progress(String id, int passed, int failed, int skipped) {
        jdbc.update("UPDATE quarantine_replay SET done = done + ?, passed = passed + ?, failed = failed + ?,"
                + " skipped = skipped + ?, updated_at = ? WHERE id = ?", passed + failed + skipped, passed, failed, skipped,
                now(), id);
    }

    public void finish(String id, String state, String message) {
        OffsetDateTime now = now();
        jdbc.update("UPDATE quarantine_replay SET state = ?, message = ?, updated_at = ?, finished_at = ? WHERE id = ?",
                state, message == null || message.length() <= 500 ? message : message.substring(0, 500), now, now, id);
    }

    public Optional<Job> find(String id) {
        return jdbc.query("SELECT * FROM quarantine_replay WHERE id = ?", ReplayJobRepository::job, id).stream().findFirst();
    }

    private static Job job(ResultSet rs, int n) throws SQLException {
        return new Job(rs.getString("id"), rs.getString("requested_by"), SqlWhere.utc(rs, "requested_at"),
                rs.getString("criteria"), rs.getString("state"), rs.getInt("total"), rs.getInt("done"), rs.getInt("passed"),
                rs.getInt("failed"), rs.getInt("skipped"), SqlWhere.utc(rs, "updated_at"), SqlWhere.utc(rs, "finished_at"),
                rs.getString("message"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
