package org.casehub.writeback;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.casehub.core.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code writeback_result}: what each platform answered to each result written back to it (written,
 * duplicate, refused with its reason) — the case's timeline shows them, and a refused one is what an operator looks at
 * beside the parked outbox row.
 */
@Repository
public class WritebackResults {

    private static final int MAX_DETAIL = 1000;

    private final JdbcTemplate jdbc;

    public WritebackResults(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param destination {@code writeback:<feed>/<record id>}
     * @param outcome     written, duplicate or refused
     */
    public record Row(String eventId, String caseId, String destination, String outcome, String detail,
                      OffsetDateTime answeredAt) {
    }

    void record(String eventId, String caseId, String destination, String outcome, String detail) {
        jdbc.update("INSERT INTO writeback_result (event_id, case_id, destination, outcome, detail, answered_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", eventId, caseId, destination, outcome,
                detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** A case's write-backs and their answers, in the order they came. */
    public List<Row> of(String caseId) {
        return jdbc.query("SELECT event_id, case_id, destination, outcome, detail, answered_at FROM writeback_result"
                        + " WHERE case_id = ? ORDER BY id",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        SqlWhere.utc(rs, "answered_at")), caseId);
    }
}
