package org.casehub.publish;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The outbox as the relays see it: the oldest pending rows of a channel, and marking rows published. */
@Repository
public class OutboxRepository {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public OutboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * The oldest unpublished rows of a channel (kafka, artemis), with their events. Two plain queries
     * rather than a join: the pending rows come straight from the (channel, published_at, id) index,
     * whatever the planner would make of a join ordered by id over an outbox of published rows.
     */
    public List<Pending> pending(String channel, int limit) {
        List<Pending> rows = jdbc.query("SELECT id, event_id, case_id, destination FROM outbox"
                        + " WHERE channel = ? AND published_at IS NULL ORDER BY channel, published_at, id"
                        + " FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), null, null),
                channel);
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, String[]> events = new HashMap<>();
        named.query("SELECT event_id, event_type, event_json FROM case_event WHERE event_id IN (:ids)",
                Map.of("ids", rows.stream().map(Pending::eventId).distinct().toList()),
                rs -> {
                    events.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        return rows.stream().map(row -> {
            String[] event = events.get(row.eventId());
            return new Pending(row.id(), row.eventId(), row.caseId(), row.destination(), event[0], event[1]);
        }).toList();
    }

    public void markPublished(List<Pending> rows) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.batchUpdate("UPDATE outbox SET published_at = ? WHERE id = ?",
                rows.stream().map(row -> new Object[] {now, row.id()}).toList());
    }

    /** One event waiting for one destination. */
    public record Pending(long id, String eventId, String caseId, String destination, String type, String event) {
    }
}
