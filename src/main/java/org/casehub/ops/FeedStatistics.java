package org.casehub.ops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.casehub.network.UnitResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the index database says about the flow, for every hub instance at once: events published per feed, the
 * outbox backlog, deliveries per unit, open quarantine by feed and stage, and the dedup links by kind.
 */
@Repository
public class FeedStatistics {

    private static final Logger log = LoggerFactory.getLogger(FeedStatistics.class);

    private final JdbcTemplate jdbc;

    public FeedStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Events of each feed published to the unified feed since {@code since}. */
    public Map<String, Long> publishedSince(Instant since) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT e.feed, COUNT(*) FROM outbox o JOIN case_event e ON e.event_id = o.event_id"
                        + " WHERE o.channel = 'kafka' AND o.published_at >= ? GROUP BY e.feed",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, at(since));
        return counts;
    }

    /** Rows waiting to be published, per outbox channel (kafka, artemis), with the oldest one's creation time. */
    public Map<String, Backlog> backlog() {
        Map<String, Backlog> backlog = new TreeMap<>();
        jdbc.query("SELECT channel, COUNT(*), MIN(created_at) FROM outbox WHERE published_at IS NULL GROUP BY channel",
                rs -> {
                    OffsetDateTime oldest = rs.getObject(3, OffsetDateTime.class);
                    backlog.put(rs.getString(1), new Backlog(rs.getLong(2), oldest == null ? null : oldest.toInstant()));
                });
        return backlog;
    }

    /** Unit messages delivered since {@code since} and still pending, by unit code. */
    public List<UnitDeliveries> unitDeliveries(Instant since) {
        Map<String, long[]> units = new TreeMap<>();
        jdbc.query("SELECT destination, COUNT(*) FROM outbox WHERE channel = 'artemis' AND published_at >= ? GROUP BY destination",
                rs -> {
                    units.computeIfAbsent(unit(rs.getString(1)), u -> new long[2])[0] = rs.getLong(2);
                }, at(since));
        jdbc.query("SELECT destination, COUNT(*) FROM outbox WHERE channel = 'artemis' AND published_at IS NULL GROUP BY destination",
                rs -> {
                    units.computeIfAbsent(unit(rs.getString(1)), u -> new long[2])[1] = rs.getLong(2);
                });
        List<UnitDeliveries> list = new ArrayList<>(units.size());
        units.forEach((unit, n) -> list.add(new UnitDeliveries(unit, n[0], n[1])));
        return list;
    }

    /** Open quarantine (not yet replayed or discarded) by feed and the stage that refused the records. */
    public List<Quarantined> openQuarantine() {
        return jdbc.query("SELECT feed, stage, COUNT(*), MAX(received_at) FROM quarantine WHERE state = 'open'"
                        + " GROUP BY feed, stage ORDER BY feed, stage",
                (rs, n) -> new Quarantined(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()));
    }

    /** Links between cases by kind (merged, possible, related); none where the index keeps no links. */
    public Map<String, Long> linksByKind() {
        Map<String, Long> kinds = new TreeMap<>();
        try {
            jdbc.query("SELECT kind, COUNT(*) FROM case_link GROUP BY kind", rs -> {
                kinds.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getLong(2));
            });
        } catch (DataAccessException e) {
            log.debug("no dedup links to count: {}", e.getMessage());
        }
        return kinds;
    }

    private static String unit(String destination) {
        return destination.startsWith(UnitResolver.DESTINATION_PREFIX)
                ? destination.substring(UnitResolver.DESTINATION_PREFIX.length()) : destination;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public record Backlog(long rows, Instant oldest) {
    }

    public record UnitDeliveries(String unit, long delivered, long pending) {
    }

    public record Quarantined(String feed, String stage, long count, Instant latest) {
    }
}
