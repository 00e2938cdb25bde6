package org.casehub.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The outbox as the relays see it: the oldest pending rows of a channel, marking rows published, and the rows parked
 * because their destination refused them for good (table {@code outbox_parked}).
 */
@Repository
public class OutboxRepository {

    /** a row of alias o is neither parked nor behind a parked row of its case for the same destination */
    private static final String NOT_PARKED = " AND NOT EXISTS (SELECT 1 FROM outbox_parked p"
            + " WHERE p.case_id = o.case_id AND p.destination = o.destination)";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public OutboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * The oldest unpublished rows of a channel (kafka, artemis), with their events. Two plain queries
     * rather than a join: the pending rows come straight from the (channel, published_at, id) index,
     * whatever the planner would make of a join ordered by id over an outbox of published rows. Neither a parked row
     * nor a later row of its case for the same destination is pending: they wait for an operator's re-send.
     */
    public List<Pending> pending(String channel, int limit) {
        List<Pending> rows = jdbc.query("SELECT id, event_id, case_id, destination FROM outbox o"
                        + " WHERE channel = ? AND published_at IS NULL" + NOT_PARKED + " ORDER BY channel, published_at, id"
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

    /** Parks a row its destination refused for good: neither it nor the later rows of its case for it are pending. */
    public void park(Pending row, String channel, String reason) {
        jdbc.update("INSERT INTO outbox_parked (outbox_id, channel, case_id, destination, reason, parked_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", row.id(), channel, row.caseId(), row.destination(),
                reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static final int MAX_REASON = 1000;

    /**
     * The parked rows, oldest first, with how many later rows of their case wait behind each (same destination).
     */
    public List<Parked> parked(int limit) {
        return jdbc.query(PARKED + " ORDER BY p.outbox_id FETCH FIRST " + limit + " ROWS ONLY", OutboxRepository::parked);
    }

    public Optional<Parked> findParked(long outboxId) {
        return jdbc.query(PARKED + " WHERE p.outbox_id = ?", OutboxRepository::parked, outboxId).stream().findFirst();
    }

    /** Releases a parked row: the relay sends it in its next round, and the rows waiting behind it after it. */
    public boolean unpark(long outboxId) {
        return jdbc.update("DELETE FROM outbox_parked WHERE outbox_id = ?", outboxId) == 1;
    }

    /** Parked rows per channel (kafka, artemis); a channel without any is absent. */
    public Map<String, Long> parkedCounts() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT channel, COUNT(*) FROM outbox_parked GROUP BY channel",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private static final String PARKED = "SELECT p.outbox_id, o.event_id, p.case_id, p.channel, p.destination, p.reason,"
            + " p.parked_at, (SELECT COUNT(*) FROM outbox w WHERE w.case_id = p.case_id AND w.destination = p.destination"
            + " AND w.published_at IS NULL AND w.id > p.outbox_id) FROM outbox_parked p JOIN outbox o ON o.id = p.outbox_id";

    private static Parked parked(ResultSet rs, int n) throws SQLException {
        return new Parked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getLong(8));
    }

    /**
     * An outbox row its destination refused for good.
     *
     * @param waiting later rows of its case for the same destination, held behind it
     */
    public record Parked(long id, String eventId, String caseId, String channel, String destination, String reason,
                         OffsetDateTime parkedAt, long waiting) {
    }
}
