package org.casehub.index;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Re-maps that operators started (table {@code remap_job}), so that any hub instance answers
 * {@code GET /api/unmapped-codes/remaps/{id}}: what was asked, by whom, and how far it got.
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
     */
    public record Job(String id, String requestedBy, String requestedAt, String list, String code, String state, int total,
                      int done, int changed, int unchanged, int failed, String finishedAt, String message) {
    }

    public Job create(String requestedBy, String list, String code, int total) {
        String id = Ulid.next();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO remap_job (id, requested_by, requested_at, list_name, code, state, total, done, changed,"
                + " unchanged, failed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)",
                id, requestedBy, now, list, code, ReplayJobRepository.RUNNING, total, now);
        return find(id).orElseThrow();
    }

    public void progress(String id, int changed, int unchanged, int failed) {
        jdbc.update("UPDATE remap_job SET done = done + ?, changed = changed + ?, unchanged = unchanged + ?,"
                + " failed = failed + ?, updated_at = ? WHERE id = ?", changed + unchanged + failed, changed, unchanged,
                failed, OffsetDateTime.now(ZoneOffset.UTC), id);
    }

    public void finish(String id, String state, String message) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("UPDATE remap_job SET state = ?, message = ?, updated_at = ?, finished_at = ? WHERE id = ?", state,
                message == null || message.length() <= 500 ? message : message.substring(0, 500), now, now, id);
    }

    public Optional<Job> find(String id) {
        return jdbc.query("SELECT * FROM remap_job WHERE id = ?", RemapJobs::job, id).stream().findFirst();
    }

    private static Job job(ResultSet rs, int n) throws SQLException {
        OffsetDateTime finished = SqlWhere.utc(rs, "finished_at");
        return new Job(rs.getString("id"), rs.getString("requested_by"), SqlWhere.utc(rs, "requested_at").toInstant().toString(),
                rs.getString("list_name"), rs.getString("code"), rs.getString("state"), rs.getInt("total"), rs.getInt("done"),
                rs.getInt("changed"), rs.getInt("unchanged"), rs.getInt("failed"),
                finished == null ? null : finished.toInstant().toString(), rs.getString("message"));
    }
}
