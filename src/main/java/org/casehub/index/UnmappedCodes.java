package org.casehub.index;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the sources' open classification lists did not know (a case's {@code unmappedCodes}), kept where every hub
 * instance sees it: per code its count, first and last seen ({@code unmapped_code}); the source records on a fallback
 * now ({@code unmapped_record}), which an operator's re-map reads; and per feed and hour the records stored and those
 * stored with a fallback ({@code unmapped_share}), whose share the feeds' health shows and alarms on. Written in the
 * transaction that stores or re-maps the records, so the figures never disagree with the index.
 */
@Repository
public class UnmappedCodes {

    private static final String MERGE_CODE = "MERGE INTO unmapped_code u USING (SELECT CAST(? AS VARCHAR(64)) AS feed,"
            + " CAST(? AS VARCHAR(100)) AS list_name, CAST(? AS VARCHAR(400)) AS code, CAST(? AS VARCHAR(400)) AS used_instead,"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE) AS seen) v"
            + " ON u.feed = v.feed AND u.list_name = v.list_name AND u.code = v.code"
            + " WHEN MATCHED THEN UPDATE SET records = u.records + 1, last_seen = v.seen, used_instead = v.used_instead"
            + " WHEN NOT MATCHED THEN INSERT (feed, list_name, code, used_instead, records, first_seen, last_seen)"
            + " VALUES (v.feed, v.list_name, v.code, v.used_instead, 1, v.seen, v.seen)";
    private static final String MERGE_SHARE = "MERGE INTO unmapped_share s USING (SELECT CAST(? AS VARCHAR(64)) AS feed,"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE) AS hour_start, CAST(? AS BIGINT) AS stored, CAST(? AS BIGINT) AS with_fallback) v"
            + " ON s.feed = v.feed AND s.hour_start = v.hour_start"
            + " WHEN MATCHED THEN UPDATE SET stored = s.stored + v.stored, with_fallback = s.with_fallback + v.with_fallback"
            + " WHEN NOT MATCHED THEN INSERT (feed, hour_start, stored, with_fallback)"
            + " VALUES (v.feed, v.hour_start, v.stored, v.with_fallback)";
    private static final String DELETE_RECORD = "DELETE FROM unmapped_record WHERE feed = ? AND record_id = ?";
    private static final String INSERT_RECORD = "INSERT INTO unmapped_record (feed, record_id, list_name, code) VALUES (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    public UnmappedCodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One code a classification list did not know, in one feed. */
    public record Code(String feed, String list, String code, String usedInstead, long records, long recordsNow,
                       String firstSeen, String lastSeen) {
    }

    /** A feed's records stored in the window, and how many of them with a fallback. */
    public record Share(String feed, long stored, long withFallback) {

        public double share() {
            return stored == 0 ? 0 : (double) withFallback / stored;
        }
    }

    /**
     * In the index transaction, for the records it stored (created, updated or merged): their codes counted, their
     * rows on a fallback replaced, the feed's hour counted.
     */
    void stored(Collection<FeedRecord> records, OffsetDateTime now) {
        if (records.isEmpty()) {
            return;
        }
        List<Object[]> codes = new ArrayList<>();
        Map<String, long[]> perFeed = new TreeMap<>();
        for (FeedRecord record : records) {
            JsonNode unmapped = record.canonical().path("unmappedCodes");
            for (JsonNode code : unmapped) {
                codes.add(new Object[] {record.feed(), code.path("list").asText(), code.path("code").asText(),
                        code.path("usedInstead").asText(), now});
            }
            long[] counts = perFeed.computeIfAbsent(record.feed(), f -> new long[2]);
            counts[0]++;
            counts[1] += unmapped.isEmpty() ? 0 : 1;
        }
        replaceRecords(records);
        if (!codes.isEmpty()) {
            jdbc.batchUpdate(MERGE_CODE, codes);
        }
        OffsetDateTime hour = now.truncatedTo(ChronoUnit.HOURS);
        jdbc.batchUpdate(MERGE_SHARE, perFeed.entrySet().stream()
                .map(e -> new Object[] {e.getKey(), hour, e.getValue()[0], e.getValue()[1]}).toList());
    }

    /** The records' rows on a fallback, as their canonical case says now (none once every code is known). */
    void replaceRecords(Collection<FeedRecord> records) {
        jdbc.batchUpdate(DELETE_RECORD, records.stream().map(r -> new Object[] {r.feed(), r.recordId()}).toList());
        List<Object[]> rows = new ArrayList<>();
        for (FeedRecord record : records) {
            for (JsonNode code : record.canonical().path("unmappedCodes")) {
                Object[] row = {record.feed(), record.recordId(), code.path("list").asText(), code.path("code").asText()};
                if (rows.stream().noneMatch(r -> java.util.Arrays.equals(r, row))) {
                    rows.add(row);
                }
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT_RECORD, rows);
        }
    }

    /** Every code met, most recently seen first; optionally of one feed or one list. */
    public List<Code> codes(String feed, String list) {
        SqlWhere where = new SqlWhere();
        if (feed != null) {
            where.add("u.feed = ?", feed);
        }
        if (list != null) {
            where.add("u.list_name = ?", list);
        }
        where.add("1 = 1");
        return jdbc.query("SELECT u.*, (SELECT COUNT(*) FROM unmapped_record r WHERE r.feed = u.feed"
                        + " AND r.list_name = u.list_name AND r.code = u.code) AS records_now FROM unmapped_code u WHERE "
                        + where.sql() + " ORDER BY u.last_seen DESC, u.feed, u.list_name, u.code",
                UnmappedCodes::code, where.parameters.toArray());
    }

    private static Code code(ResultSet rs, int n) throws SQLException {
        return new Code(rs.getString("feed"), rs.getString("list_name"), rs.getString("code"), rs.getString("used_instead"),
                rs.getLong("records"), rs.getLong("records_now"), SqlWhere.utc(rs, "first_seen").toInstant().toString(),
                SqlWhere.utc(rs, "last_seen").toInstant().toString());
    }

    /** Per feed, the records stored within the window ending now and those stored with a fallback. */
    public Map<String, Share> shares(Duration window, OffsetDateTime now) {
        Map<String, Share> shares = new LinkedHashMap<>();
        jdbc.query("SELECT feed, SUM(stored), SUM(with_fallback) FROM unmapped_share WHERE hour_start > ? GROUP BY feed"
                        + " ORDER BY feed",
                rs -> {
                    shares.put(rs.getString(1), new Share(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }, now.minus(window).truncatedTo(ChronoUnit.HOURS).minusNanos(1));
        return shares;
    }

    /** The source records on a fallback for the list (and the code, when given), after a key, in key order. */
    public List<String[]> recordsOnFallback(String list, String code, String[] after, int limit) {
        List<Object> args = new ArrayList<>(List.of(list));
        String sql = "SELECT DISTINCT feed, record_id FROM unmapped_record WHERE list_name = ?";
        if (code != null) {
            sql += " AND code = ?";
            args.add(code);
        }
        if (after != null) {
            sql += " AND (feed > ? OR (feed = ? AND record_id > ?))";
            args.addAll(List.of(after[0], after[0], after[1]));
        }
        return jdbc.query(sql + " ORDER BY feed, record_id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, args.toArray());
    }

    /** How many source records are on a fallback for the list (and the code, when given). */
    public int countOnFallback(String list, String code) {
        return code == null
                ? jdbc.queryForObject("SELECT COUNT(DISTINCT feed || ':' || record_id) FROM unmapped_record WHERE list_name = ?",
                        Integer.class, list)
                : jdbc.queryForObject("SELECT COUNT(*) FROM unmapped_record WHERE list_name = ? AND code = ?", Integer.class,
                        list, code);
    }
}
