package org.casehub.progress;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.SqlWhere;
import org.casehub.index.CaseProcess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code case_progress}: every report a unit made on a case, once per unit and result id, with the
 * case's process as that report left it. The last report's process is what the index lays over the case
 * ({@link CaseProcess}); the case's timeline lists them all; the write-back reads the report an event published.
 */
@Repository
public class ProgressRepository implements CaseProcess {

    private static final String COLUMNS = "id, case_id, unit, result_id, state, reason, report_text, acted_at, received_at,"
            + " channel, reporter, event_id, process_json";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper json;

    public ProgressRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.json = json;
    }

    /**
     * A stored report.
     *
     * @param channel  http or artemis
     * @param reporter the API client or the Artemis user that sent it
     * @param eventId  the case event that published the change it made
     */
    public record Report(long id, String caseId, String unit, String resultId, String state, String reason, String text,
                         OffsetDateTime actedAt, OffsetDateTime receivedAt, String channel, String reporter,
                         String eventId, ObjectNode process) {
    }

    @Override
    public Map<String, ObjectNode> of(Collection<String> caseIds) {
        Map<String, ObjectNode> last = new HashMap<>();
        if (caseIds.isEmpty()) {
            return last;
        }
        named.query("SELECT case_id, process_json FROM case_progress p WHERE case_id IN (:ids)"
                        + " AND id = (SELECT MAX(id) FROM case_progress q WHERE q.case_id = p.case_id)",
                Map.of("ids", caseIds), rs -> {
                    last.put(rs.getString(1), read(rs.getString(2)));
                });
        return last;
    }

    /** The report a unit sent with this result id before, if any. */
    public Optional<Report> find(String unit, String resultId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM case_progress WHERE unit = ? AND result_id = ?", this::report,
                unit, resultId).stream().findFirst();
    }

    /** The report whose change this event published. */
    public Optional<Report> byEvent(String eventId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM case_progress WHERE event_id = ?", this::report, eventId)
                .stream().findFirst();
    }

    /** A case's reports, in the order they came. */
    public List<Report> reports(String caseId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM case_progress WHERE case_id = ? ORDER BY id", this::report, caseId);
    }

    void insert(Report row) {
        jdbc.update("INSERT INTO case_progress (case_id, unit, result_id, state, reason, report_text, acted_at, received_at,"
                        + " channel, reporter, event_id, process_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.caseId(), row.unit(), row.resultId(), row.state(), row.reason(), row.text(), row.actedAt(),
                row.receivedAt(), row.channel(), row.reporter(), row.eventId(), write(row.process()));
    }

    private Report report(ResultSet rs, int n) throws SQLException {
        return new Report(rs.getLong("id"), rs.getString("case_id"), rs.getString("unit"), rs.getString("result_id"),
                rs.getString("state"), rs.getString("reason"), rs.getString("report_text"), SqlWhere.utc(rs, "acted_at"),
                SqlWhere.utc(rs, "received_at"), rs.getString("channel"), rs.getString("reporter"),
                rs.getString("event_id"), read(rs.getString("process_json")));
    }

    private ObjectNode read(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored process", e);
        }
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a process", e);
        }
    }
}
