package org.casehub.warning;

import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.casehub.core.DatabaseProduct;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of the early warning's counts: {@code warning_case} (each source record counted once, where and what
 * it reported, and its case), {@code warning_series} (per unit × category × feed × Beijing day, the records counted)
 * and {@code warning_backfill} (the one-time count of the cases indexed before). A record is counted by inserting its
 * row in warning_case, which a second sight of it (an update, a replay, the back-fill meeting a record the index
 * transaction counted already) cannot do; only those inserted add to the day's count. Reads take what the evaluator
 * judges — a few series, never a scan of the index.
 */
@Repository
public class SeriesRepository {

    private static final String COUNT_CASE = "MERGE INTO warning_case w USING (SELECT CAST(? AS VARCHAR(64)) AS feed,"
            + " CAST(? AS VARCHAR(128)) AS record_id, CAST(? AS VARCHAR(26)) AS case_id, CAST(? AS VARCHAR(12)) AS unit_code,"
            + " CAST(? AS VARCHAR(32)) AS category, CAST(? AS TIMESTAMP WITH TIME ZONE) AS reported_at) v"
            + " ON w.feed = v.feed AND w.record_id = v.record_id"
            + " WHEN NOT MATCHED THEN INSERT (feed, record_id, case_id, unit_code, category, reported_at)"
            + " VALUES (v.feed, v.record_id, v.case_id, v.unit_code, v.category, v.reported_at)";
    private static final String ADD_TO_DAY = "MERGE INTO warning_series s USING (SELECT CAST(? AS VARCHAR(12)) AS unit_code,"
            + " CAST(? AS VARCHAR(32)) AS category, CAST(? AS VARCHAR(64)) AS feed, CAST(? AS DATE) AS on_day,"
            + " CAST(? AS INTEGER) AS cases) v"
            + " ON s.unit_code = v.unit_code AND s.category = v.category AND s.feed = v.feed AND s.on_day = v.on_day"
            + " WHEN MATCHED THEN UPDATE SET cases = s.cases + v.cases"
            + " WHEN NOT MATCHED THEN INSERT (unit_code, category, feed, on_day, cases)"
            + " VALUES (v.unit_code, v.category, v.feed, v.on_day, v.cases)";

    /**
     * PostgreSQL: a batch's records in one statement, which returns those it inserted (issue 18: the MERGE ran once
     * per record, 10,000 executions per 10,000 records, 3–5 % of the database's statement time).
     */
    private static final String COUNT_CASES = "INSERT INTO warning_case (feed, record_id, case_id, unit_code, category,"
            + " reported_at) SELECT * FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]),"
            + " CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS timestamptz[]))"
            + " ON CONFLICT (feed, record_id) DO NOTHING RETURNING feed, record_id";
    /** PostgreSQL: a batch's days in one statement (each series and day once: they are summed before). */
    private static final String ADD_TO_DAYS = "INSERT INTO warning_series (unit_code, category, feed, on_day, cases)"
            + " SELECT * FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS date[]),"
            + " CAST(? AS integer[])) ON CONFLICT (unit_code, category, feed, on_day)"
            + " DO UPDATE SET cases = warning_series.cases + EXCLUDED.cases";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final DatabaseProduct database;

    public SeriesRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.database = new DatabaseProduct(jdbc);
    }

    /** A source record to count: where (unit), what (category), when (reported, and its Beijing day). */
    public record Counted(String feed, String recordId, String caseId, String unitCode, String category,
                          OffsetDateTime reportedAt, LocalDate day) {
    }

    /** One series: a unit × category × feed. */
    public record SeriesKey(String unitCode, String category, String feed) {
    }

    /** A unit × category. */
    public record Place(String unitCode, String category) {
    }

    /** Counts the records not counted before; returns how many were new. */
    int count(List<Counted> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        boolean postgres = database.postgres();
        List<Counted> inserted = postgres ? insertAtOnce(rows) : insertEach(rows);
        Map<List<Object>, Integer> days = new LinkedHashMap<>();
        for (Counted r : inserted) {
            days.merge(List.of(r.unitCode(), r.category(), r.feed(), r.day()), 1, Integer::sum);
        }
        if (days.isEmpty()) {
            return 0;
        }
        if (postgres) {
            addAtOnce(days);
        } else {
            jdbc.batchUpdate(ADD_TO_DAY, days.entrySet().stream().map(e -> {
                List<Object> key = e.getKey();
                return new Object[] {key.get(0), key.get(1), key.get(2), Date.valueOf((LocalDate) key.get(3)), e.getValue()};
            }).toList());
        }
        return inserted.size();
    }

    /** Adds to each series' day (unit, category, feed, day → records), all in one statement (PostgreSQL). */
    private void addAtOnce(Map<List<Object>, Integer> days) {
        jdbc.update(con -> {
            var statement = con.prepareStatement(ADD_TO_DAYS);
            for (int column = 0; column < 4; column++) {
                int c = column;
                statement.setArray(column + 1, con.createArrayOf("text", days.keySet().stream().map(k -> k.get(c).toString())
                        .toArray()));
            }
            statement.setArray(5, con.createArrayOf("text", days.values().stream().map(String::valueOf).toArray()));
            return statement;
        });
    }

    /** The rows inserted, one MERGE each (H2). */
    private List<Counted> insertEach(List<Counted> rows) {
        int[] inserted = jdbc.batchUpdate(COUNT_CASE, rows.stream().map(r -> new Object[] {r.feed(), r.recordId(),
                r.caseId(), r.unitCode(), r.category(), r.reportedAt()}).toList());
        List<Counted> added = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] > 0) {
                added.add(rows.get(i));
            }
        }
        return added;
    }

    /** The rows inserted, all in one statement (PostgreSQL); a record twice in the batch is inserted once. */
    private List<Counted> insertAtOnce(List<Counted> rows) {
        Set<List<String>> inserted = new HashSet<>();
        jdbc.query(con -> {
            var statement = con.prepareStatement(COUNT_CASES);
            statement.setArray(1, con.createArrayOf("varchar", rows.stream().map(Counted::feed).toArray()));
            statement.setArray(2, con.createArrayOf("varchar", rows.stream().map(Counted::recordId).toArray()));
            statement.setArray(3, con.createArrayOf("varchar", rows.stream().map(Counted::caseId).toArray()));
            statement.setArray(4, con.createArrayOf("varchar", rows.stream().map(Counted::unitCode).toArray()));
            statement.setArray(5, con.createArrayOf("varchar", rows.stream().map(Counted::category).toArray()));
            statement.setArray(6, con.createArrayOf("text", rows.stream().map(r -> r.reportedAt().toInstant().toString()).toArray()));
            return statement;
        }, (RowCallbackHandler) rs -> inserted.add(List.of(rs.getString(1), rs.getString(2))));
        List<Counted> added = new ArrayList<>();
        for (Counted r : rows) {
            if (inserted.remove(List.of(r.feed(), r.recordId()))) {
                added.add(r);
            }
        }
        return added;
    }

    /** The first day the series know of: before it, the index had no data (null when nothing was counted yet). */
    public LocalDate firstDay() {
        Date first = jdbc.queryForObject("SELECT MIN(on_day) FROM warning_series", Date.class);
        return first == null ? null : first.toLocalDate();
    }

    /** The units × categories with at least {@code min} records from {@code from} to {@code to} (days, inclusive). */
    List<Place> busy(LocalDate from, LocalDate to, int min) {
        return jdbc.query("SELECT unit_code, category FROM warning_series WHERE on_day >= ? AND on_day <= ?"
                        + " GROUP BY unit_code, category HAVING SUM(cases) >= ? ORDER BY unit_code, category",
                (rs, n) -> new Place(rs.getString(1), rs.getString(2)), Date.valueOf(from), Date.valueOf(to), min);
    }

    /** The daily counts per feed of one unit × category, from {@code from} to {@code to} (a count for every day). */
    Map<String, int[]> series(Place place, LocalDate from, LocalDate to) {
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        Map<String, int[]> byFeed = new TreeMap<>();
        jdbc.query("SELECT feed, on_day, cases FROM warning_series WHERE unit_code = ? AND category = ? AND on_day >= ? AND on_day <= ?",
                rs -> {
                    int index = (int) ChronoUnit.DAYS.between(from, rs.getDate(2).toLocalDate());
                    byFeed.computeIfAbsent(rs.getString(1), f -> new int[days])[index] += rs.getInt(3);
                }, place.unitCode(), place.category(), Date.valueOf(from), Date.valueOf(to));
        return byFeed;
    }

    /**
     * The daily counts per feed of one unit, all categories together, from {@code from} to {@code to}: the street
     * a category is judged against (one grouped read per unit and evaluation).
     */
    Map<String, int[]> street(String unitCode, LocalDate from, LocalDate to) {
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        Map<String, int[]> byFeed = new TreeMap<>();
        jdbc.query("SELECT feed, on_day, SUM(cases) FROM warning_series WHERE unit_code = ? AND on_day >= ? AND on_day <= ?"
                        + " GROUP BY feed, on_day",
                rs -> {
                    int index = (int) ChronoUnit.DAYS.between(from, rs.getDate(2).toLocalDate());
                    byFeed.computeIfAbsent(rs.getString(1), f -> new int[days])[index] += rs.getInt(3);
                }, unitCode, Date.valueOf(from), Date.valueOf(to));
        return byFeed;
    }

    /** The cases behind a unit × category's records of the given feeds reported since {@code since}, newest first. */
    List<String> casesBehind(Place place, Collection<String> feeds, OffsetDateTime since, int limit) {
        return named.queryForList("SELECT case_id FROM warning_case WHERE unit_code = :unit AND category = :category"
                        + " AND feed IN (:feeds) AND reported_at >= :since GROUP BY case_id ORDER BY MAX(reported_at) DESC"
                        + " FETCH FIRST " + limit + " ROWS ONLY",
                Map.of("unit", place.unitCode(), "category", place.category(), "feeds", feeds, "since", since), String.class);
    }

    /** The rolling intra-day count: records of each unit × category reported in the last 24 hours. */
    public Map<Place, Integer> lastDay(OffsetDateTime now) {
        Map<Place, Integer> counts = new LinkedHashMap<>();
        jdbc.query("SELECT unit_code, category, COUNT(*) FROM warning_case WHERE reported_at > ? AND reported_at <= ?"
                        + " GROUP BY unit_code, category",
                rs -> {
                    counts.put(new Place(rs.getString(1), rs.getString(2)), rs.getInt(3));
                }, now.minusHours(24), now);
        return counts;
    }

    /** Per unit × category, the records of {@code day} and the mean per day of the {@code baselineDays} before it. */
    public record Rising(String unitCode, String category, int today, double mean) {
    }

    /** Today's counts against the days before, for every unit × category with records today (the status page). */
    public List<Rising> rising(LocalDate day, int baselineDays) {
        Map<Place, int[]> counts = new LinkedHashMap<>();
        jdbc.query("SELECT unit_code, category, on_day, SUM(cases) FROM warning_series WHERE on_day >= ? AND on_day <= ?"
                        + " GROUP BY unit_code, category, on_day",
                rs -> {
                    int[] c = counts.computeIfAbsent(new Place(rs.getString(1), rs.getString(2)), p -> new int[2]);
                    c[rs.getDate(3).toLocalDate().equals(day) ? 0 : 1] += rs.getInt(4);
                }, Date.valueOf(day.minusDays(baselineDays)), Date.valueOf(day));
        List<Rising> rising = new ArrayList<>();
        counts.forEach((place, c) -> {
            if (c[0] > 0) {
                rising.add(new Rising(place.unitCode(), place.category(), c[0], (double) c[1] / baselineDays));
            }
        });
        return rising;
    }

    /** The back-fill's state: how far, where it stopped, whether it ended. */
    public record Backfill(int total, int done, String cursorFeed, String cursorId, OffsetDateTime startedAt,
                           OffsetDateTime endedAt) {
    }

    private static final String BACKFILL = "series";

    public Optional<Backfill> backfill() {
        return jdbc.query("SELECT total, done, cursor_feed, cursor_id, started_at, ended_at FROM warning_backfill WHERE name = ?",
                (rs, n) -> new Backfill(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)), BACKFILL)
                .stream().findFirst();
    }

    void startBackfill(int total) {
        jdbc.update("INSERT INTO warning_backfill (name, total, done, started_at) VALUES (?, ?, 0, ?)", BACKFILL, total,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Moves the back-fill's cursor past the records of a step (in the step's transaction); ended when it was the last. */
    void advance(String cursorFeed, String cursorId, int records, boolean ended) {
        jdbc.update("UPDATE warning_backfill SET done = done + ?, cursor_feed = ?, cursor_id = ?, ended_at = ? WHERE name = ?",
                records, cursorFeed, cursorId, ended ? OffsetDateTime.now(ZoneOffset.UTC) : null, BACKFILL);
    }
}
