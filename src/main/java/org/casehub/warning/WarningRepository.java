package org.casehub.warning;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.casehub.core.SqlWhere;
import org.casehub.security.ScopeRestriction;
import org.casehub.warning.SeriesRepository.Place;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code warning}: the warnings raised (one per unit × category × window, the unique constraint
 * says so to a second evaluator too), read within a client's scope like cases, acknowledged and closed by operators.
 * A warning is never deleted: it is the record of what the hub told a unit and when.
 */
@Repository
public class WarningRepository {

    static final String RAISED = "raised";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String CLOSED = "closed";

    private static final String COLUMNS = "w.warning_id, w.unit_code, w.district_code, w.category, w.window_start,"
            + " w.window_end, w.rule, w.sources, w.observed, w.expected, w.probability, w.score, w.case_ids, w.letter,"
            + " w.state, w.raised_at, w.acknowledged_by, w.acknowledged_at, w.closed_by, w.closed_at, w.close_note";

    private final JdbcTemplate jdbc;

    public WarningRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A warning as stored; sources and caseIds are comma-separated and JSON respectively. */
    public record WarningRow(String warningId, String unitCode, String districtCode, String category, LocalDate windowStart,
                             LocalDate windowEnd, String rule, String sources, int observed, double expected,
                             double probability, double score, String caseIds, String letter, String state,
                             OffsetDateTime raisedAt, String acknowledgedBy, OffsetDateTime acknowledgedAt, String closedBy,
                             OffsetDateTime closedAt, String closeNote) {
    }

    /** Inserts a new warning; false when the unit × category × window has one already. */
    boolean insert(WarningRow w) {
        return jdbc.update("INSERT INTO warning (warning_id, unit_code, district_code, category, window_start, window_end,"
                        + " rule, sources, observed, expected, probability, score, case_ids, letter, state, raised_at)"
                        + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM (VALUES (1)) one"
                        + " WHERE NOT EXISTS (SELECT 1 FROM warning WHERE unit_code = ? AND category = ? AND window_start = ?)",
                w.warningId(), w.unitCode(), w.districtCode(), w.category(), Date.valueOf(w.windowStart()),
                Date.valueOf(w.windowEnd()), w.rule(), w.sources(), w.observed(), w.expected(), w.probability(), w.score(),
                w.caseIds(), w.letter(), w.state(), w.raisedAt(), w.unitCode(), w.category(),
                Date.valueOf(w.windowStart())) == 1;
    }

    /** The units × categories with a warning raised on or after {@code since}: quiet until quiet-days have passed. */
    Set<Place> raisedSince(LocalDate since) {
        Set<Place> places = new HashSet<>();
        jdbc.query("SELECT DISTINCT unit_code, category FROM warning WHERE window_end >= ?",
                rs -> {
                    places.add(new Place(rs.getString(1), rs.getString(2)));
                }, Date.valueOf(since));
        return places;
    }

    /** Warnings in scope, newest first, optionally only those raised on or after {@code since} and in a state. */
    public List<WarningRow> list(ScopeRestriction scope, OffsetDateTime since, String state, int limit) {
        SqlWhere where = new SqlWhere();
        where.add(scope.sql(), scope.parameters().toArray());
        if (since != null) {
            where.add("w.raised_at >= ?", since);
        }
        if (state != null) {
            where.add("w.state = ?", state);
        }
        where.parameters.add(limit);
        return jdbc.query("SELECT " + COLUMNS + " FROM warning w WHERE " + where.sql()
                + " ORDER BY w.raised_at DESC, w.warning_id DESC FETCH FIRST ? ROWS ONLY", WarningRepository::row,
                where.parameters.toArray());
    }

    /**
     * The warnings a case is behind, oldest first (its timeline). The case ids are a JSON array of ULIDs, so a quoted
     * id matches only itself; the warnings are few (one per unit × category × window), so no index is needed.
     */
    public List<WarningRow> behind(String caseId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM warning w WHERE w.case_ids LIKE ? ORDER BY w.raised_at, w.warning_id",
                WarningRepository::row, "%\"" + caseId + "\"%");
    }

    public Optional<WarningRow> find(ScopeRestriction scope, String warningId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM warning w WHERE w.warning_id = ? AND " + scope.sql(),
                WarningRepository::row, scope.after(warningId)).stream().findFirst();
    }

    /** Acknowledges a raised warning; false when it is not (any more) raised. */
    boolean acknowledge(String warningId, String by, OffsetDateTime at) {
        return jdbc.update("UPDATE warning SET state = ?, acknowledged_by = ?, acknowledged_at = ? WHERE warning_id = ? AND state = ?",
                ACKNOWLEDGED, by, at, warningId, RAISED) == 1;
    }

    /** Closes a warning not closed yet; false when it is closed already. */
    boolean close(String warningId, String by, OffsetDateTime at, String note) {
        return jdbc.update("UPDATE warning SET state = ?, closed_by = ?, closed_at = ?, close_note = ? WHERE warning_id = ?"
                + " AND state <> ?", CLOSED, by, at, note, warningId, CLOSED) == 1;
    }

    private static WarningRow row(ResultSet rs, int n) throws SQLException {
        return new WarningRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8), rs.getInt(9),
                rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getObject(16, OffsetDateTime.class), rs.getString(17), rs.getObject(18, OffsetDateTime.class),
                rs.getString(19), rs.getObject(20, OffsetDateTime.class), rs.getString(21));
    }
}
