package org.casehub.production;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.bench.YearOfCases;
import org.casehub.dedup.CaseFacts;
import org.casehub.dedup.DuplicateRule;
import org.casehub.dedup.PersonKey;
import org.postgresql.PGConnection;

/**
 * Grows a running hub's PostgreSQL index to a number of cases, as some days of traffic would have left it, for the
 * throughput benchmark's index-size curve: each case with the rows the hub writes for a grid event and reads again —
 * the case (with its dedup facts), its source record, its persons (their hashes), its idempotency key (the last 90
 * days' only: older ones are purged), its event history, its blocking keys, its warning count — spread over the days
 * that end with the benchmark's events (a year by default) and over every Shenzhen community ({@link YearOfCases}: a
 * matter, a place and, for most, a person; the same blocking keys as the benchmark's events, so the hub reads and
 * scores them as candidates).
 * <p>
 * The fastest honest way: the facts and keys are made here with the hub's own rule and copied in ({@code COPY}); the
 * bulky columns (case JSON, sealed payload and personal data, canonical record, event JSON) are those of a real case
 * the hub indexed during the warm-up, its ids replaced, joined in by {@code INSERT … SELECT}. So every column holds what
 * the hub can read (sealed with its key), and a case the benchmark's events merge into reads like one of its own. Not
 * filled: outbox rows (published ones are purged after 30 days), links, deadlines. Then {@code VACUUM ANALYZE} and a
 * checkpoint, as autovacuum and time would have left an index that old.
 * <p>
 * The span decides what a burst meets besides a larger index: over a year a million cases are ~2,700 a day, several
 * times the benchmark's own events, so each of its records has that many more candidates within the matter window —
 * dedup work that grows with the traffic, not with the index; over the years a million take at the benchmark's own
 * rate, the window holds what it holds at any size, and a burst meets only the index's size.
 */
final class IndexFill {

    private static final String FEED = "public-safety";
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int CHUNK = 50_000;
    private static final Duration KEPT_IDEMPOTENCY_KEYS = Duration.ofDays(90);

    private final Connection index;
    private final DuplicateRule rule;
    private final ObjectMapper json;
    private final YearOfCases year;
    private final int days;
    private final Instant end;
    private String template;
    private long filled;

    /**
     * @param index a superuser connection to the hub's index database (used by this fill alone)
     * @param end   the end of the filled days (the benchmark's events are reported before it, inside them)
     * @param days  how many days before {@code end} the filled cases are reported on, evenly
     */
    IndexFill(Connection index, DuplicateRule rule, ObjectMapper json, List<String> communities, Instant end, int days) {
        this.index = index;
        this.rule = rule;
        this.json = json;
        this.end = end;
        this.days = days;
        this.year = new YearOfCases(communities, end.minus(Duration.ofDays(days)), 20261205);
    }

    long filled() {
        return filled;
    }

    /** Adds cases until {@code total} have been filled (nothing when as many are already there). */
    void growTo(long total) throws Exception {
        if (total <= filled) {
            return;
        }
        long start = System.nanoTime();
        index.setAutoCommit(true);
        try (Statement s = index.createStatement()) {
            s.execute("SET synchronous_commit = off");
            s.execute("SET maintenance_work_mem = '256MB'");
            if (template == null) {
                template = template(s);
            }
            s.execute("CREATE TEMP TABLE IF NOT EXISTS fill_case (n BIGINT, case_id VARCHAR(26), category VARCHAR(32),"
                    + " division_code VARCHAR(12), reported_at TIMESTAMPTZ, dedup_facts TEXT, id_hash VARCHAR(64),"
                    + " phone_hash VARCHAR(64), name_hash VARCHAR(64))");
            s.execute("CREATE TEMP TABLE IF NOT EXISTS fill_key (block_key VARCHAR(100), case_id VARCHAR(26), reported_at TIMESTAMPTZ)");
            s.execute("TRUNCATE fill_case, fill_key");
        }
        for (long from = filled; from < total; from += CHUNK) {
            copy(from, Math.min(total, from + CHUNK));
        }
        long copied = System.nanoTime();
        insert();
        try (Statement s = index.createStatement()) {
            s.execute("TRUNCATE fill_case, fill_key");
            s.execute("VACUUM ANALYZE hub_case, source_record, case_person, processed_id, case_event, dedup_key,"
                    + " warning_case, warning_series");
            s.execute("CHECKPOINT");
        }
        System.out.printf("%n  index filled with %,d cases (%,d more, from case %s's rows): made and copied in %.0f s,"
                + " inserted, vacuumed and checkpointed in %.0f s%n", total, total - filled, template,
                (copied - start) / 1e9, (System.nanoTime() - copied) / 1e9);
        filled = total;
    }

    /** A case of the warm-up's: one grid record, created and not changed since, with a person if any has one. */
    private static String template(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT c.case_id FROM hub_case c WHERE c.revision = 1 AND c.merged_into IS NULL"
                + " AND (SELECT count(*) FROM source_record r WHERE r.case_id = c.case_id AND r.feed = '" + FEED + "') = 1"
                + " AND (SELECT count(*) FROM source_record r WHERE r.case_id = c.case_id) = 1"
                + " AND EXISTS (SELECT 1 FROM warning_case w WHERE w.case_id = c.case_id)"
                + " ORDER BY (SELECT count(*) FROM case_person p WHERE p.case_id = c.case_id AND p.role <> 'reporter') DESC,"
                + " c.case_id LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("no indexed grid case to fill the index from: warm the hub up first");
            }
            return rs.getString(1);
        }
    }

    /** Cases {@code from} … {@code to} − 1: their facts and blocking keys, copied into the staging tables. */
    private void copy(long from, long to) throws Exception {
        StringBuilder cases = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        for (long n = from; n < to; n++) {
            CaseFacts facts = year.onDay(year.nextInt(days));
            String caseId = caseId(facts.reportedAt(), n);
            PersonKey person = facts.persons().isEmpty() ? null : facts.persons().get(0);
            row(cases, n, caseId, facts.category(), facts.divisionCode(), facts.reportedAt(), write(facts),
                    person == null ? null : person.idHash(), person == null ? null : person.phoneHash(),
                    person == null ? null : person.nameHash());
            for (String key : rule.blockingKeys(facts)) {
                row(keys, key, caseId, facts.reportedAt());
            }
        }
        var copy = index.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY fill_case FROM STDIN", new StringReader(cases.toString()));
        copy.copyIn("COPY fill_key FROM STDIN", new StringReader(keys.toString()));
    }

    /** Every table's rows from the staged cases and the template case's bulky columns. */
    private void insert() throws SQLException {
        // the template's ids replaced by the filled case's in its JSON: a case reads as itself
        String swap = "replace(replace(%s, t.case_id, f.case_id), t.record_id, 'fill-' || f.n)";
        String recordId = "'fill-' || f.n";
        String version = "(extract(epoch FROM f.reported_at) * 1000)::bigint";
        List<String> statements = List.of(
                "INSERT INTO hub_case (case_id, revision, status, category, channel, division_code, law_related, group_case,"
                        + " manual_routing, merged_into, case_json, created_at, updated_at, dedup_facts, primary_source)"
                        + " SELECT f.case_id, 1, c.status, f.category, c.channel, f.division_code, c.law_related, FALSE,"
                        + " c.manual_routing, NULL, " + swap.formatted("c.case_json") + ", f.reported_at, f.reported_at,"
                        + " f.dedup_facts, " + swap.formatted("c.primary_source")
                        + " FROM fill_case f CROSS JOIN template t JOIN hub_case c ON c.case_id = t.case_id",
                "INSERT INTO source_record (feed, record_id, source_version, case_id, received_at, position, payload_sealed,"
                        + " key_id, canonical_json) SELECT r.feed, " + recordId + ", " + version + ", f.case_id, f.reported_at,"
                        + " r.position, r.payload_sealed, r.key_id, " + swap.formatted("r.canonical_json")
                        + " FROM fill_case f CROSS JOIN template t JOIN source_record r ON r.case_id = t.case_id",
                // the template's reporter (a grid worker) as such, hashed anew; its other persons only where the
                // filled case has a person, with that person's hashes (the ones its blocking keys were made of)
                "INSERT INTO case_person (feed, record_id, ordinal, case_id, role, name_sealed, id_sealed, phone_sealed, key_id,"
                        + " id_hash, phone_hash, name_hash) SELECT p.feed, " + recordId + ", p.ordinal, f.case_id, p.role,"
                        + " p.name_sealed, p.id_sealed, p.phone_sealed, p.key_id,"
                        + " CASE WHEN p.role = 'reporter' THEN p.id_hash ELSE f.id_hash END,"
                        + " CASE WHEN p.role = 'reporter' THEN encode(sha256(convert_to(f.case_id || 'phone', 'UTF8')), 'hex') ELSE f.phone_hash END,"
                        + " CASE WHEN p.role = 'reporter' THEN encode(sha256(convert_to(f.case_id || 'name', 'UTF8')), 'hex') ELSE f.name_hash END"
                        + " FROM fill_case f CROSS JOIN template t JOIN case_person p ON p.case_id = t.case_id"
                        + " WHERE p.role = 'reporter' OR f.name_hash IS NOT NULL",
                "INSERT INTO processed_id (idempotency_key, case_id, outcome, processed_at) SELECT '" + FEED + ":' || "
                        + recordId + " || ':' || " + version + ", f.case_id, 'created', f.reported_at FROM fill_case f"
                        + " WHERE f.reported_at > ?",
                "INSERT INTO case_event (event_id, case_id, revision, event_type, source, feed, event_time, event_json)"
                        + " SELECT f.case_id || ':' || e.revision, f.case_id, e.revision, e.event_type, e.source, e.feed,"
                        + " f.reported_at, " + swap.formatted("e.event_json")
                        + " FROM fill_case f CROSS JOIN template t JOIN case_event e ON e.case_id = t.case_id"
                        // its creation only: a deadline reminder the template got meanwhile has an id of its own
                        + " WHERE e.event_id = t.case_id || ':' || e.revision",
                "INSERT INTO dedup_key (block_key, case_id, reported_at, revision) SELECT block_key, case_id, reported_at, 1"
                        + " FROM fill_key",
                "INSERT INTO warning_case (feed, record_id, case_id, unit_code, category, reported_at) SELECT w.feed, "
                        + recordId + ", f.case_id, left(f.division_code, length(w.unit_code)), f.category, f.reported_at"
                        + " FROM fill_case f CROSS JOIN template t JOIN warning_case w ON w.case_id = t.case_id",
                "INSERT INTO warning_series (unit_code, category, feed, on_day, cases) SELECT unit_code, category, feed,"
                        + " (reported_at AT TIME ZONE 'Asia/Shanghai')::date, count(*) FROM warning_case"
                        + " WHERE record_id LIKE 'fill-%' AND case_id IN (SELECT case_id FROM fill_case)"
                        + " GROUP BY unit_code, category, feed, (reported_at AT TIME ZONE 'Asia/Shanghai')::date"
                        + " ON CONFLICT (unit_code, category, feed, on_day) DO UPDATE SET cases = warning_series.cases + EXCLUDED.cases");
        try (Statement s = index.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS template AS SELECT c.case_id, r.record_id FROM hub_case c"
                    + " JOIN source_record r ON r.case_id = c.case_id WHERE c.case_id = '" + template + "'");
        }
        for (String sql : statements) {
            try (PreparedStatement statement = index.prepareStatement(sql)) {
                if (sql.contains("?")) {
                    statement.setObject(1, end.minus(KEPT_IDEMPOTENCY_KEYS).atOffset(java.time.ZoneOffset.UTC));
                }
                statement.execute();
            }
        }
    }

    private String write(CaseFacts facts) {
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ULID of the report time (as the hub's ids are made at their time) whose random part is the case's number. */
    private static String caseId(Instant at, long n) {
        char[] id = new char[26];
        long millis = at.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            id[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        long rest = n;
        for (int i = 25; i >= 10; i--) {
            id[i] = CROCKFORD[(int) (rest & 31)];
            rest >>>= 5;
        }
        return new String(id);
    }

    /** One line of COPY's text format: tab-separated, \N for null, backslashes and control characters escaped. */
    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                out.append("\\N");
            } else {
                String text = value.toString();
                for (int c = 0; c < text.length(); c++) {
                    char ch = text.charAt(c);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }
}
