package org.casehub.publish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.casehub.core.AfterCommit;
import org.casehub.core.SqlWhere;
import org.casehub.network.UnitResolver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of the tables {@code outbox} and {@code case_event} (the events in every case's history and their
 * deliveries), {@code outbox_parked}, {@code feed_published} (the unified feed's events per feed as published) and
 * {@code tier_delivered} (the units' messages per tier and minute as delivered): the
 * relays' oldest pending rows of a channel, marking rows published, and the rows parked because their destination
 * refused them for good; the index transaction's batched inserts; the case API's history and deliveries of a case;
 * the feeds' health figures; the retention purge.
 * <p>
 * An event for several units is one row of destination {@value #UNITS} whose {@code units} column lists their
 * destinations (issue 18: one row per event instead of one per unit); the units' relay sends one message to each, and
 * every reader here that counts or lists messages by destination expands it. A destination split off such a row (see
 * {@link #split}) becomes a row of its own with {@code split_from} = the grouped row's id.
 */
@Repository
public class OutboxRepository {

    /** a row of alias o is neither parked nor behind a parked row of its case for the same destination */
    private static final String NOT_PARKED = " AND NOT EXISTS (SELECT 1 FROM outbox_parked p"
            + " WHERE p.case_id = o.case_id AND p.destination = o.destination)";

    /** The destination of an event's one row for all its units, listed in its {@code units} column. */
    public static final String UNITS = "artemis:units";

    /** About 16 MB of JSON: at ~1,500 characters an event, the last ~5,000 events, ten index batches or more. */
    private static final long EVENT_CHARS_KEPT = 8_000_000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;
    /** per channel, who wants to hear at once that rows of it were committed (the channel's relay) */
    private final Map<String, List<Runnable>> committedListeners = new ConcurrentHashMap<>();
    /**
     * The events this hub's transactions committed lately, by id ({@link #insertEvents}): type and JSON, for the
     * relays' next rounds, which then send them without reading them back from the history. A relay that keeps up is
     * a few batches behind the index; one catching up (after an outage, or on another instance) reads what is no longer
     * kept. Weighed by the JSON's length, so that the memory it takes is bounded whatever the events' size.
     */
    private final Cache<String, String[]> committedEvents = Caffeine.newBuilder().maximumWeight(EVENT_CHARS_KEPT)
            .weigher((String id, String[] event) -> event[1].length()).executor(Runnable::run).build();

    @Autowired
    public OutboxRepository(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    /** @param clock when rows are marked published (and counted) */
    OutboxRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    /**
     * The oldest unpublished rows of a channel (kafka, artemis), with their events: those this hub committed lately as
     * it kept them, the others read from the history. Two plain queries
     * rather than a join: the pending rows come straight from the (channel, published_at, id) index,
     * whatever the planner would make of a join ordered by id over an outbox of published rows. Neither a parked row
     * nor a later row of its case for the same destination is pending: they wait for an operator's re-send.
     */
    public List<Pending> pending(String channel, int limit) {
        List<Pending> rows = jdbc.query("SELECT id, event_id, case_id, destination, units, split_from, feed FROM outbox o"
                        + " WHERE channel = ? AND published_at IS NULL" + NOT_PARKED + " ORDER BY channel, published_at, id"
                        + " FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), null, null,
                        units(rs.getString(5)), (Long) rs.getObject(6, Long.class), rs.getString(7)),
                channel);
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, String[]> events = new HashMap<>(committedEvents.getAllPresent(rows.stream().map(Pending::eventId)
                .collect(Collectors.toSet())));
        List<String> unknown = rows.stream().map(Pending::eventId).filter(id -> !events.containsKey(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            named.query("SELECT event_id, event_type, event_json FROM case_event WHERE event_id IN (:ids)",
                    Map.of("ids", unknown),
                    rs -> {
                        events.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                    });
        }
        return rows.stream().map(row -> {
            String[] event = events.get(row.eventId());
            return new Pending(row.id(), row.eventId(), row.caseId(), row.destination(), event[0], event[1], row.units(),
                    row.splitFrom(), row.feed());
        }).toList();
    }

    /**
     * Marks the rows published, one statement per {@value #MARK_CHUNK} rows rather than one per row, and counts the
     * case events among them per feed ({@link #publishedByFeed}) and the unit messages per tier
     * ({@link #deliveredByTier}). The counts are figures for the feeds' health and the status page: should the
     * database fail between the mark and a count, the relay marks the rows again at its next round and counts them
     * then, or (a crash) the count of one round is lost.
     */
    public void markPublished(List<Pending> rows) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Long> ids = rows.stream().map(Pending::id).toList();
        for (int from = 0; from < ids.size(); from += MARK_CHUNK) {
            named.update("UPDATE outbox SET published_at = :now WHERE id IN (:ids)", Map.of("now", now,
                    "ids", ids.subList(from, Math.min(ids.size(), from + MARK_CHUNK))));
        }
        Map<String, Long> byFeed = rows.stream().filter(r -> r.feed() != null)
                .collect(Collectors.groupingBy(Pending::feed, TreeMap::new, Collectors.counting()));
        if (!byFeed.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO feed_published (feed, published_at, events) VALUES (?, ?, ?)",
                    byFeed.entrySet().stream().map(e -> new Object[] {e.getKey(), now, e.getValue()}).toList());
            if (Duration.between(countsPurgedAt, now.toInstant()).compareTo(COUNTS_PURGE_PERIOD) >= 0) {
                jdbc.update("DELETE FROM feed_published WHERE published_at < ?", now.minus(COUNTS_KEPT));
                countsPurgedAt = now.toInstant();
            }
        }
        Map<String, Long> byTier = rows.stream().flatMap(r -> r.destinations().stream()).map(UnitResolver::tierOf)
                .flatMap(Optional::stream).collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
        if (!byTier.isEmpty()) {
            addDelivered(now.truncatedTo(ChronoUnit.MINUTES), byTier);
        }
    }

    /**
     * Adds to the minute's count of each tier, making it when it is the minute's first: an update of a column no
     * index holds (on PostgreSQL a heap-only update, no index entry written). Two relays of one channel at once (a
     * lease changing hands) may both make a minute's row: the second's insert fails on the key, and it adds instead.
     */
    private void addDelivered(OffsetDateTime minute, Map<String, Long> byTier) {
        List<Map.Entry<String, Long>> counts = List.copyOf(byTier.entrySet());
        int[] added = jdbc.batchUpdate(ADD_DELIVERED, counts.stream().map(e -> new Object[] {e.getValue(), minute,
                e.getKey()}).toList());
        for (int i = 0; i < added.length; i++) {
            if (added[i] == 0) {
                Map.Entry<String, Long> count = counts.get(i);
                try {
                    jdbc.update("INSERT INTO tier_delivered (at_minute, tier, messages) VALUES (?, ?, ?)", minute,
                            count.getKey(), count.getValue());
                } catch (DuplicateKeyException e) {
                    jdbc.update(ADD_DELIVERED, count.getValue(), minute, count.getKey());
                }
            }
        }
    }

    private static final String ADD_DELIVERED = "UPDATE tier_delivered SET messages = messages + ? WHERE at_minute = ?"
            + " AND tier = ?";

    /** The per-feed counts are read for the last minute; an hour's are kept (a row per relay round and feed). */
    private static final Duration COUNTS_KEPT = Duration.ofHours(1);
    private static final Duration COUNTS_PURGE_PERIOD = Duration.ofMinutes(10);
    /** when this hub last deleted the counts past {@link #COUNTS_KEPT} (by the Kafka relay, whichever thread runs it) */
    private volatile Instant countsPurgedAt = Instant.EPOCH;

    private static final int MARK_CHUNK = 1000;

    /**
     * One event waiting for one destination, or for several units ({@code units} not null: destination {@value #UNITS}).
     *
     * @param splitFrom the grouped row this destination was split off, whose place in the case's order it keeps; or null
     */
    public record Pending(long id, String eventId, String caseId, String destination, String type, String event,
                          List<String> units, Long splitFrom, String feed) {

        /** A row for one destination. */
        public Pending(long id, String eventId, String caseId, String destination, String type, String event) {
            this(id, eventId, caseId, destination, type, event, null, null, null);
        }

        /** The destinations a message goes to: the units listed, or the row's one destination. */
        public List<String> destinations() {
            return units == null ? List.of(destination) : units;
        }

        /** The row's place in its case's order: a split-off destination's is the grouped row's. */
        public long position() {
            return splitFrom == null ? id : splitFrom;
        }

        /** The same grouped row without one of its units. */
        Pending without(String unit) {
            return new Pending(id, eventId, caseId, destination, type, event,
                    units.stream().filter(d -> !d.equals(unit)).toList(), splitFrom, feed);
        }
    }

    private static List<String> units(String column) {
        return column == null ? null : column.isEmpty() ? List.of() : List.of(column.split(" "));
    }

    /**
     * A row's destinations from its columns: the units listed, or its one destination (public for the throughput
     * benchmark, which sends the outbox's last unit events again).
     */
    public static List<String> destinations(String destination, String unitsColumn) {
        List<String> units = units(unitsColumn);
        return units == null ? List.of(destination) : units;
    }

    /** A case's event in its history, as the index transaction writes it. */
    public record EventWrite(String eventId, String caseId, int revision, String type, String source, String feed,
                             OffsetDateTime time, String eventJson) {
    }

    /**
     * A row of an event for one destination, or for several units of the artemis channel ({@code units} not null);
     * the channel (kafka, artemis, …) is the destination's prefix.
     *
     * @param feed the feed of a case event for the unified feed (counted per feed by {@link #publishedByFeed}), else null
     */
    public record OutboxWrite(String eventId, String caseId, String destination, OffsetDateTime createdAt,
                              List<String> units, String feed) {

        /** The event for one destination. */
        public OutboxWrite(String eventId, String caseId, String destination, OffsetDateTime createdAt) {
            this(eventId, caseId, destination, createdAt, null, null);
        }

        /** A case event of {@code feed} for the unified feed. */
        public OutboxWrite(String eventId, String caseId, String destination, OffsetDateTime createdAt, String feed) {
            this(eventId, caseId, destination, createdAt, null, feed);
        }

        /** The event for these unit destinations ({@code artemis:…}, at least one): one row, whatever their number. */
        public static OutboxWrite toUnits(String eventId, String caseId, Collection<String> destinations,
                                          OffsetDateTime createdAt) {
            if (destinations.size() == 1) {
                return new OutboxWrite(eventId, caseId, destinations.iterator().next(), createdAt);
            }
            destinations.forEach(d -> {
                if (!d.startsWith(UNITS.substring(0, UNITS.indexOf(':') + 1)) || d.contains(" ")) {
                    throw new IllegalArgumentException("not a unit's destination: '" + d + "'");
                }
            });
            return new OutboxWrite(eventId, caseId, UNITS, createdAt, List.copyOf(destinations), null);
        }

        String channel() {
            return destination.substring(0, destination.indexOf(':'));
        }
    }

    /**
     * One batched statement for the events of an index transaction; once it commits they are kept for the relays
     * (an event is never changed once written, so a kept one is what the history holds).
     */
    public void insertEvents(Collection<EventWrite> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO case_event (event_id, case_id, revision, event_type, source, feed, event_time,"
                    + " event_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows.stream().map(r -> new Object[] {r.eventId(),
                    r.caseId(), r.revision(), r.type(), r.source(), r.feed(), r.time(), r.eventJson()}).toList());
            List<EventWrite> written = List.copyOf(rows);
            AfterCommit.run(() -> written.forEach(r -> committedEvents.put(r.eventId(), new String[] {r.type(), r.eventJson()})));
        }
    }

    /**
     * One batched statement for the outbox rows of an index transaction; once that transaction commits, the relays of
     * the channels written are told at once (see {@link #whenCommitted}).
     */
    public void insertOutbox(Collection<OutboxWrite> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO outbox (event_id, case_id, destination, channel, created_at, units, feed)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows.stream().map(r -> new Object[] {r.eventId(), r.caseId(), r.destination(), r.channel(),
                            r.createdAt(), r.units() == null ? null : String.join(" ", r.units()), r.feed()}).toList());
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
        AfterCommit.run(() -> channels.forEach(this::tell));
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

    /**
     * The messages of a case for the destinations starting with {@code prefix}, as the outbox holds them: a grouped
     * row's units each, in the order listed.
     */
    public List<DeliveryRow> deliveries(String caseId, String prefix) {
        List<DeliveryRow> deliveries = new ArrayList<>();
        jdbc.query("SELECT destination, units, event_id, published_at FROM outbox WHERE case_id = ?"
                        + " AND (destination LIKE ? OR units IS NOT NULL) ORDER BY id",
                rs -> {
                    for (String destination : destinations(rs.getString("destination"), rs.getString("units"))) {
                        if (destination.startsWith(prefix)) {
                            deliveries.add(new DeliveryRow(destination, rs.getString("event_id"),
                                    SqlWhere.utc(rs, "published_at")));
                        }
                    }
                }, caseId, prefix + "%");
        return deliveries;
    }

    /**
     * Events of each feed published to the unified feed since {@code since} (at most {@link #COUNTS_KEPT} ago), as the
     * Kafka relay counted them at each round ({@link #markPublished}): counting the outbox's rows published since
     * read every one of them, at every health refresh, and grew with the rate.
     */
    public Map<String, Long> publishedByFeed(Instant since) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT feed, SUM(events) FROM feed_published WHERE published_at >= ? GROUP BY feed",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, since.atOffset(ZoneOffset.UTC));
        return counts;
    }

    /**
     * Rows waiting to be published, per channel that a relay of this hub serves ({@link #whenCommitted}), with the
     * creation time of the first of them (the oldest but for rows written at the same moment); a channel without any
     * is absent. A row is an event for one destination, or for all its units ({@link #UNITS}): counting the messages
     * of those would read every waiting row, and this runs every {@code casehub.ops.refresh} — so one range of the
     * pending index per channel (grouped over the whole table, it read every published row that retention keeps too).
     */
    public Map<String, Backlog> backlog() {
        Map<String, Backlog> backlog = new TreeMap<>();
        for (String channel : committedListeners.keySet()) {
            // the count from the index alone; the first waiting row's creation, not a MIN(created_at) reading every one
            Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE channel = ? AND published_at IS NULL",
                    Long.class, channel);
            if (rows != null && rows > 0) {
                List<OffsetDateTime> oldest = jdbc.queryForList("SELECT created_at FROM outbox WHERE channel = ?"
                        + " AND published_at IS NULL ORDER BY channel, published_at, id FETCH FIRST 1 ROWS ONLY",
                        OffsetDateTime.class, channel);
                backlog.put(channel, new Backlog(rows, oldest.isEmpty() ? null : oldest.get(0).toInstant()));
            }
        }
        return backlog;
    }

    /**
     * Unit messages delivered since {@code since} per tier ({@link UnitResolver#tierOf}), as the units' relay counted
     * them by the minute: the minute {@code since} falls in counts whole.
     */
    public Map<String, Long> deliveredByTier(Instant since) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT tier, SUM(messages) FROM tier_delivered WHERE at_minute >= ? GROUP BY tier",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, since.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES));
        return counts;
    }

    /**
     * Unit messages waiting in the outbox per tier ({@link UnitResolver#tierOf}): grouped rows are counted per unit set
     * (the same few sets recur: one per place) and each set's count goes to each of its units.
     */
    public Map<String, Long> pendingByTier() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT destination, units, COUNT(*) FROM outbox WHERE channel = 'artemis' AND published_at IS NULL"
                        + " GROUP BY destination, units",
                rs -> {
                    long rows = rs.getLong(3);
                    for (String destination : destinations(rs.getString(1), rs.getString(2))) {
                        UnitResolver.tierOf(destination).ifPresent(tier -> counts.merge(tier, rows, Long::sum));
                    }
                });
        return counts;
    }

    /** Deletes at most {@code limit} rows published before {@code cutoff}, oldest first; returns how many. */
    public int deletePublishedBefore(OffsetDateTime cutoff, int limit) {
        return jdbc.update("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at < ?"
                + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY)", cutoff);
    }

    /** Deletes the units' delivered counts ({@link #deliveredByTier}) of the minutes before {@code cutoff}. */
    public void deleteDeliveredCountsBefore(OffsetDateTime cutoff) {
        jdbc.update("DELETE FROM tier_delivered WHERE at_minute < ?", cutoff);
    }

    /** @param rows rows waiting: an event for one destination, or for all its units */
    public record Backlog(long rows, Instant oldest) {
    }

    /** Parks a row its destination refused for good: neither it nor the later rows of its case for it are pending. */
    public void park(Pending row, String channel, String reason) {
        jdbc.update("INSERT INTO outbox_parked (outbox_id, channel, case_id, destination, reason, parked_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", row.id(), channel, row.caseId(), row.destination(),
                reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static final int MAX_REASON = 1000;

    /**
     * Takes one destination off a grouped row into a row of its own (same event, {@code split_from} = the grouped row,
     * pending) and returns it. Safe to repeat after a crash between its steps: an existing split row is kept.
     */
    public Pending split(Pending grouped, String destination) {
        jdbc.update("INSERT INTO outbox (event_id, case_id, destination, channel, created_at, split_from)"
                        + " SELECT event_id, case_id, ?, channel, created_at, id FROM outbox WHERE id = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM outbox d WHERE d.event_id = ? AND d.destination = ?)",
                destination, grouped.id(), grouped.eventId(), destination);
        jdbc.update("UPDATE outbox SET units = ? WHERE id = ?", String.join(" ", grouped.without(destination).units()),
                grouped.id());
        long id = jdbc.queryForObject("SELECT id FROM outbox WHERE event_id = ? AND destination = ?", Long.class,
                grouped.eventId(), destination);
        return new Pending(id, grouped.eventId(), grouped.caseId(), destination, grouped.type(), grouped.event(), null,
                grouped.id(), null);
    }

    /**
     * What holds destinations of these cases back: their parked (case, destination) pairs, and their split-off rows
     * still pending (each waits for its event's place in the case's order, which its id does not show). Both are rare;
     * one statement for a relay round's cases.
     */
    public Holds holds(Collection<String> caseIds) {
        Set<String> parked = new HashSet<>();
        List<Pending> split = new ArrayList<>();
        if (caseIds.isEmpty()) {
            return new Holds(parked, split);
        }
        named.query("SELECT case_id, destination, outbox_id, CAST(NULL AS BIGINT) FROM outbox_parked WHERE case_id IN (:cases)"
                        + " UNION ALL SELECT case_id, destination, id, split_from FROM outbox WHERE split_from IS NOT NULL"
                        + " AND channel = 'artemis' AND published_at IS NULL AND case_id IN (:cases)",
                Map.of("cases", List.copyOf(new HashSet<>(caseIds))),
                rs -> {
                    Long splitFrom = (Long) rs.getObject(4, Long.class);
                    if (splitFrom == null) {
                        parked.add(Holds.key(rs.getString(1), rs.getString(2)));
                    } else {
                        split.add(new Pending(rs.getLong(3), null, rs.getString(1), rs.getString(2), null, null, null,
                                splitFrom, null));
                    }
                });
        return new Holds(parked, split);
    }

    /**
     * The parked (case, destination) pairs of some cases, and their pending split-off rows.
     */
    public record Holds(Set<String> parked, List<Pending> split) {

        static String key(String caseId, String destination) {
            return caseId + " " + destination;
        }

        /**
         * True when the row's message to this destination must wait: the pair is parked, or a split-off row of the
         * same case and destination that comes earlier in the case's order is still pending behind this row's place.
         */
        public boolean holds(Pending row, String destination) {
            return parked.contains(key(row.caseId(), destination)) || split.stream().anyMatch(s -> s.id() != row.id()
                    && s.caseId().equals(row.caseId()) && s.destination().equals(destination)
                    && s.position() < row.position() && s.id() > row.id());
        }
    }

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
            + " p.parked_at, (SELECT COUNT(*) FROM outbox w WHERE w.case_id = p.case_id AND w.published_at IS NULL"
            + " AND (w.destination = p.destination AND w.id > p.outbox_id"
            + " OR w.units IS NOT NULL AND ' ' || w.units || ' ' LIKE '% ' || p.destination || ' %'))"
            + " FROM outbox_parked p JOIN outbox o ON o.id = p.outbox_id";

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
