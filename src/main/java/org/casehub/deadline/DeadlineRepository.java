package org.casehub.deadline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casehub.core.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the statutory clock's tables: {@code case_deadline} (each case's deadlines, replaced whenever the index
 * stores the case) and {@code deadline_reminder} (one row per reminder queued). The case queries' filters on
 * deadlines are conditions written here, which the index's case queries add to theirs.
 */
@Repository
public class DeadlineRepository {

    private static final String COLUMNS = "case_id, kind, rule, origin, counting, calendar_known, extended, started_at,"
            + " due_at, yellow_at, state, met_at, unit_code, supervisor_code, case_revision";
    private static final String RUNNING_OF_CASE = "SELECT 1 FROM case_deadline d WHERE d.case_id = c.case_id"
            + " AND d.state = 'running'";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public DeadlineRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The deadlines of these cases, by case and kind. */
    public Map<String, Map<String, Deadline>> byCase(Collection<String> caseIds) {
        Map<String, Map<String, Deadline>> found = new HashMap<>();
        if (caseIds.isEmpty()) {
            return found;
        }
        named.query("SELECT " + COLUMNS + " FROM case_deadline WHERE case_id IN (:ids) ORDER BY case_id, due_at, kind",
                Map.of("ids", List.copyOf(caseIds)), rs -> {
                    Deadline d = deadline(rs);
                    found.computeIfAbsent(d.caseId(), id -> new LinkedHashMap<>()).put(d.kind(), d);
                });
        return found;
    }

    /** Deletes the deadlines of these cases and inserts the rows given (in the caller's transaction). */
    void replace(Collection<String> caseIds, List<Deadline> rows) {
        if (!caseIds.isEmpty()) {
            named.update("DELETE FROM case_deadline WHERE case_id IN (:ids)", Map.of("ids", List.copyOf(caseIds)));
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO case_deadline (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows.stream().map(d -> new Object[] {d.caseId(), d.kind(), d.rule(), d.origin(), d.counting(),
                            d.calendarKnown(), d.extended(), d.startedAt(), d.dueAt(), d.yellowAt(), d.state(), d.metAt(),
                            d.unit(), d.supervisor(), d.caseRevision()}).toList());
        }
    }

    /** Cases (alias c) with a running deadline past due ({@code overdue}), or with none ({@code !overdue}). */
    public static void overdue(SqlWhere where, boolean overdue, OffsetDateTime now) {
        where.add((overdue ? "" : "NOT ") + "EXISTS (" + RUNNING_OF_CASE + " AND d.due_at < ?)", now);
    }

    /** Cases (alias c) with a running deadline not yet past due that falls due within {@code within}. */
    public static void dueWithin(SqlWhere where, Duration within, OffsetDateTime now) {
        where.add("EXISTS (" + RUNNING_OF_CASE + " AND d.due_at >= ? AND d.due_at < ?)", now, now.plus(within));
    }

    /**
     * Running deadlines whose next reminder is due and not yet sent to their unit, first due first: red once past due,
     * else yellow once past the yellow threshold. A deadline moved (a new due time) or reassigned (a new unit) is
     * planned anew; one stopped or met is left alone.
     */
    List<Deadline> remindersDue(OffsetDateTime now, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM case_deadline d WHERE d.state = 'running' AND d.yellow_at <= ?"
                        + " AND d.unit_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deadline_reminder r"
                        + " WHERE r.case_id = d.case_id AND r.kind = d.kind AND r.due_at = d.due_at AND r.unit_code = d.unit_code"
                        + " AND r.level = CASE WHEN d.due_at <= ? THEN 'red' ELSE 'yellow' END)"
                        + " ORDER BY d.state, d.yellow_at FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> deadline(rs), now, now);
    }

    /**
     * Records a reminder as sent, in the transaction that queues it: a second sender of the same reminder fails here
     * on the primary key (DuplicateKeyException) and queues nothing.
     */
    void recordReminder(Deadline deadline, String level, String eventId, String sentBy, OffsetDateTime now) {
        jdbc.update("INSERT INTO deadline_reminder (case_id, kind, level, due_at, unit_code, event_id, sent_by, sent_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", deadline.caseId(), deadline.kind(), level, deadline.dueAt(),
                deadline.unit(), eventId, sentBy, now);
    }

    /** Running deadlines of one unit: past due, and due from now until the due-soon horizon. */
    public record UnitCount(String unit, long overdue, long dueSoon) {
    }

    /** Per responsible unit, its running deadlines overdue and due before {@code soon}; units with neither are absent. */
    List<UnitCount> unitCounts(OffsetDateTime now, OffsetDateTime soon) {
        return jdbc.query("SELECT unit_code, SUM(CASE WHEN due_at < ? THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN due_at >= ? THEN 1 ELSE 0 END) FROM case_deadline"
                        + " WHERE state = 'running' AND due_at < ? AND unit_code IS NOT NULL GROUP BY unit_code"
                        + " ORDER BY unit_code",
                (rs, n) -> new UnitCount(rs.getString(1), rs.getLong(2), rs.getLong(3)), now, now, soon);
    }

    private static Deadline deadline(ResultSet rs) throws SQLException {
        return new Deadline(rs.getString("case_id"), rs.getString("kind"), rs.getString("rule"), rs.getString("origin"),
                rs.getString("counting"), rs.getBoolean("calendar_known"), rs.getBoolean("extended"),
                SqlWhere.utc(rs, "started_at"), SqlWhere.utc(rs, "due_at"), SqlWhere.utc(rs, "yellow_at"),
                rs.getString("state"), SqlWhere.utc(rs, "met_at"), rs.getString("unit_code"),
                rs.getString("supervisor_code"), rs.getInt("case_revision"));
    }
}
