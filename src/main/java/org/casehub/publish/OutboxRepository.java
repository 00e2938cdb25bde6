package org.casehub.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.casehub.core.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one owner of the tables {@code outbox} and {@code case_event} (the events in every case's history and their
 * deliveries) and {@code outbox_parked}: the relays' oldest pending rows of a channel, marking rows published, and the
 * rows parked because their destination refused them for good; the index transaction's batched inserts; the case
 * API's history and deliveries of a case; the feeds' health figures; the retention purge.
 */
@Repository
public class OutboxRepository {

    /** a row of alias o is neither parked nor behind a parked row of its case for the same destination */
    private static final String NOT_PARKED = " AND NOT EXISTS (SELECT 1 FROM outbox_parked p"
            + " WHERE p.case_id = o.case_id AND p.destination = o.destination)";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    /** per channel, who wants to hear at once that rows of it were committed (the channel's relay) */
    private final Map<String, List<Runnable>> committedListeners = new ConcurrentHashMap<>();

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

    /** Marks the rows published, one statement per {@value #MARK_CHUNK} rows rather than one per row. */
    public void markPublished(List<Pending> rows) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Long> ids = rows.stream().map(Pending::id).toList();
        for (int from = 0; from < ids.size(); from += MARK_CHUNK) {
            named.update("UPDATE outbox SET published_at = :now WHERE id IN (:ids)", Map.of("now", now,
                    "ids", ids.subList(from, Math.min(ids.size(), from + MARK_CHUNK))));
        }
    }

    private static final int MARK_CHUNK = 1000;

    /** One event waiting for one destination. */
    public record Pending(long id, String eventId, String caseId, String destination, String type, String event) {
    }

    /** A case's event in its history, as the index transaction writes it. */
    public record EventWrite(String eventId, String caseId, int revision, String type, String source, String feed,
                             OffsetDateTime time, String eventJson) {
    }

    /**
     * One row per event and destination; the channel (kafka, artemis) is the destination's prefix.
     *
     * @param feed the feed of a case event for the unified feed (counted per feed by {@link #publishedByFeed}), else null
     */
    public record OutboxWrite(String eventId, String caseId, String destination, OffsetDateTime createdAt, String feed) {

        public OutboxWrite(String eventId, String caseId, String destination, OffsetDateTime createdAt) {
            this(eventId, caseId, destination, createdAt, null);
        }

        String channel() {
            return destination.substring(0, destination.indexOf(':'));
        }
    }

    /** One batched statement for the events of an index transaction. */
    public void insertEvents(Collection<EventWrite> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO case_event (event_id, case_id, revision, event_type, source, feed, event_time,"
                    + " event_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows.stream().map(r -> new Object[] {r.eventId(),
                    r.caseId(), r.revision(), r.type(), r.source(), r.feed(), r.time(), r.eventJson()}).toList());
        }
    }

    /**
     * One batched statement for the outbox rows of an index transaction; once that transaction commits, the relays of
     * the channels written are told at once (see {@link #whenCommitted}).
     */
    public void insertOutbox(Collection<OutboxWrite> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO outbox (event_id, case_id, destination, channel, created_at, feed)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", rows.stream().map(r -> new Object[] {r.eventId(), r.caseId(),
                            r.destination(), r.channel(), r.createdAt(), r.feed()}).toList());
            tellAfterCommit(rows.stream().map(OutboxWrite::channel).collect(Collectors.toSet()));
        }
    }

    /**
     * Runs the listener (quickly: it runs on the committing thread) each time a transaction that inserted rows of the
     * channel has committed — a hint that there is work, never the only way to find it: a hint lost to a crash between
     * the commit and the listener costs nothing, the rows are in the table for the relay's next poll.
     */
    public void whenCommitted(String channel, Runnable listener) {
        committedListeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    }

    private void tellAfterCommit(Set<String> channels) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            channels.forEach(this::tell);   // no transaction: the rows are committed already
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                channels.forEach(OutboxRepository.this::tell);
            }
        });
    }

    private void tell(String channel) {
        committedListeners.getOrDefault(channel, List.of()).forEach(Runnable::run);
    }

    /** An event in a case's history. */
    public record EventRow(String eventId, int revision, String type, String eventJson) {
    }

    /** @param publishedAt null while the message still waits in the outbox */
    public record DeliveryRow(String destination, String eventId, OffsetDateTime publishedAt) {
    }

    /** The history of a case, in revision order; a notice about a revision (id {@code <revision>.m1}) after it. */
    public List<EventRow> events(String caseId) {
        return jdbc.query("SELECT event_id, revision, event_type, event_json FROM case_event WHERE case_id = ?"
                        + " ORDER BY revision, event_id",
                (rs, n) -> new EventRow(rs.getString("event_id"), rs.getInt("revision"), rs.getString("event_type"),
                        rs.getString("event_json")), caseId);
    }

    /** The messages of a case for the destinations starting with {@code prefix}, as the outbox holds them. */
    public List<DeliveryRow> deliveries(String caseId, String prefix) {
        return jdbc.query("SELECT destination, event_id, published_at FROM outbox WHERE case_id = ? AND destination LIKE ?"
                        + " ORDER BY id",
                (rs, n) -> new DeliveryRow(rs.getString("destination"), rs.getString("event_id"),
                        SqlWhere.utc(rs, "published_at")), caseId, prefix + "%");
    }

    /** Events of each feed published to the unified feed since {@code since}. */
    public Map<String, Long> publishedByFeed(Instant since) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT feed, COUNT(*) FROM outbox WHERE channel = 'kafka' AND published_at >= ? AND feed IS NOT NULL"
                        + " GROUP BY feed",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, since.atOffset(ZoneOffset.UTC));
        return counts;
    }

    /**
     * Rows waiting to be published, per channel that a relay of this hub serves ({@link #whenCommitted}), with the
     * creation time of the first of them (the oldest but for rows written at the same moment); a channel without any is absent. One range of the pending index per channel: grouped
     * over the whole table, the count read every published row that retention keeps too, every
     * {@code casehub.ops.refresh}.
     */
    public Map<String, Backlog> backlog() {
        Map<String, Backlog> backlog = new TreeMap<>();
        for (String channel : committedListeners.keySet()) {
            // the count from the index alone; the oldest is the first row in it (ids grow with time), not a MIN(created_at)
            // that reads every waiting row
            Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE channel = ? AND published_at IS NULL",
                    Long.class, channel);
            if (rows != null && rows > 0) {
                List<OffsetDateTime> oldest = jdbc.queryForList("SELECT created_at FROM outbox WHERE channel = ?"
                        + " AND published_at IS NULL ORDER BY channel, published_at, id FETCH FIRST 1 ROWS ONLY", OffsetDateTime.class, channel);
                backlog.put(channel, new Backlog(rows, oldest.isEmpty() ? null : oldest.get(0).toInstant()));
            }
        }
        return backlog;
    }

    /** Messages of the artemis channel published since {@code since} and still pending, by destination. */
    public List<DestinationCounts> destinations(Instant since) {
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.query("SELECT destination, COUNT(*) FROM outbox WHERE channel = 'artemis' AND published_at >= ? GROUP BY destination",
                rs -> {
                    counts.computeIfAbsent(rs.getString(1), d -> new long[2])[0] = rs.getLong(2);
                }, since.atOffset(ZoneOffset.UTC));
        jdbc.query("SELECT destination, COUNT(*) FROM outbox WHERE channel = 'artemis' AND published_at IS NULL GROUP BY destination",
                rs -> {
                    counts.computeIfAbsent(rs.getString(1), d -> new long[2])[1] = rs.getLong(2);
                });
        List<DestinationCounts> list = new ArrayList<>(counts.size());
        counts.forEach((destination, n) -> list.add(new DestinationCounts(destination, n[0], n[1])));
        return list;
    }

    /** Deletes at most {@code limit} rows published before {@code cutoff}, oldest first; returns how many. */
    public int deletePublishedBefore(OffsetDateTime cutoff, int limit) {
        return jdbc.update("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at < ?"
                + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY)", cutoff);
    }

    public record Backlog(long rows, Instant oldest) {
    }

    public record DestinationCounts(String destination, long published, long pending) {
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
