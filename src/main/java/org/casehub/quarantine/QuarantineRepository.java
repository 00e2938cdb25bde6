package org.casehub.quarantine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.core.SqlWhere;
import org.casehub.core.StoreOutcome;
import org.casehub.security.PiiCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Records that could not be used, kept with every reason, their original bytes (sealed) and source position;
 * and what operators do with them. A row is {@value #OPEN} until a replay stores its record ({@value #REPLAYED},
 * in the same index transaction) or an operator discards it ({@value #DISCARDED}); a replay that fails again only
 * updates its row's reasons.
 */
@Repository
public class QuarantineRepository {

    public static final String OPEN = "open";
    public static final String REPLAYED = "replayed";
    public static final String DISCARDED = "discarded";

    private static final Logger log = LoggerFactory.getLogger(QuarantineRepository.class);
    private static final String COLUMNS = "id, feed, record_id, source_version, stage, reasons, position, received_at,"
            + " state, state_reason, state_changed_at, state_changed_by, replay_count, replayed_at, replay_outcome, case_id";
    private static final TypeReference<List<String>> REASONS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> POSITION = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PiiCipher cipher;

    public QuarantineRepository(JdbcTemplate jdbc, ObjectMapper json, PiiCipher cipher) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
    }

    /** A quarantine row as operators see it (no payload: {@link #payload} reads that). */
    public record Row(long id, String feed, String recordId, Long sourceVersion, String stage, List<String> reasons,
                      Map<String, Object> position, OffsetDateTime receivedAt, String state, String stateReason,
                      OffsetDateTime stateChangedAt, String stateChangedBy, int replayCount, OffsetDateTime replayedAt,
                      String replayOutcome, String caseId) {
    }

    /**
     * Which rows: every criterion is optional.
     *
     * @param ids    these rows only, when not empty
     * @param reason a piece of text that one of the reasons contains
     */
    public record Filter(List<Long> ids, String feed, String stage, String reason, String state,
                         OffsetDateTime receivedFrom, OffsetDateTime receivedTo) {

        public Filter {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }

        /** The same rows, open ones only: what a replay takes. */
        public Filter openOnly() {
            return new Filter(ids, feed, stage, reason, OPEN, receivedFrom, receivedTo);
        }
    }

    /**
     * Called inside the index's transaction, so the record is quarantined exactly when its batch commits; a record
     * quarantined before (the same {@link #fingerprint}) is not again ({@code DUPLICATE}). A replayed record that
     * fails again updates its own row: the reasons are the latest, the count says how often.
     */
    public StoreOutcome add(FeedRecord record, OffsetDateTime now) {
        RecordRejectedException rejection = record.rejection();
        if (record.replayOf() != null) {
            jdbc.update("UPDATE quarantine SET record_id = COALESCE(?, record_id), source_version = COALESCE(?, source_version),"
                            + " stage = ?, reasons = ?, replay_count = replay_count + 1, replayed_at = ?, replay_outcome = ?"
                            + " WHERE id = ?",
                    record.recordId(), record.sourceVersion(), rejection.stage(), write(rejection.reasons()), now,
                    StoreOutcome.QUARANTINED.name(), record.replayOf());
            log.warn("replayed quarantine row {} failed again ({}): {}", record.replayOf(), rejection.stage(),
                    rejection.reasons());
            return StoreOutcome.QUARANTINED;
        }
        String fingerprint = fingerprint(record);
        List<Long> already = jdbc.queryForList("SELECT id FROM quarantine WHERE feed = ? AND fingerprint = ?", Long.class,
                record.feed(), fingerprint);
        if (!already.isEmpty()) {
            log.info("a record of feed {} at {} is quarantined already (row {})", record.feed(), record.position(),
                    already.get(0));
            return StoreOutcome.DUPLICATE;
        }
        jdbc.update("INSERT INTO quarantine (feed, record_id, source_version, stage, reasons, payload_sealed, key_id,"
                        + " position, received_at, state, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                record.feed(), record.recordId(), record.sourceVersion(), rejection.stage(),
                write(rejection.reasons()), cipher.seal(record.raw()), cipher.currentKeyId(),
                write(record.position()), record.receivedAt().atOffset(ZoneOffset.UTC), OPEN, fingerprint);
        log.warn("quarantined a record of feed {} at {} ({}): {}", record.feed(), record.position(), rejection.stage(),
                rejection.reasons());
        return StoreOutcome.QUARANTINED;
    }

    /**
     * The same source record and version; without a version, the same record id and bytes (a 12345 order whose
     * updateTime cannot be read, read again after every restart); without an id, the same bytes at the same source
     * position (a Kafka offset, a webhook push's request id) — identical bad bytes at two offsets are two records.
     * Quarantined once: a unique index holds it; a second writer's transaction fails and its batch is stored again,
     * finding the row.
     */
    String fingerprint(FeedRecord record) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (record.recordId() != null && record.sourceVersion() != null) {
                sha.update((record.feed() + ":" + record.recordId() + ":" + record.sourceVersion()).getBytes(StandardCharsets.UTF_8));
            } else {
                sha.update((record.recordId() != null ? "id:" + record.recordId() : "at:" + write(record.position()))
                        .getBytes(StandardCharsets.UTF_8));
                sha.update(record.raw());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Inside the index's transaction: locks the row and tells whether it is still open for a replay to settle. */
    public boolean claim(long id) {
        return jdbc.queryForList("SELECT state FROM quarantine WHERE id = ? FOR UPDATE", String.class, id)
                .stream().anyMatch(OPEN::equals);
    }

    /** Inside the index's transaction that stored the replayed record: the row is settled with it. */
    public void replayed(long id, StoreOutcome outcome, String caseId, OffsetDateTime now) {
        jdbc.update("UPDATE quarantine SET state = ?, state_reason = ?, state_changed_at = ?, replay_count = replay_count + 1,"
                        + " replayed_at = ?, replay_outcome = ?, case_id = ? WHERE id = ?",
                REPLAYED, "replayed: " + outcome.name().toLowerCase(), now, now, outcome.name(), caseId, id);
    }

    public int count(String feed, String state) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = ? AND state = ?", Integer.class, feed, state);
        return n == null ? 0 : n;
    }

    public int count(Filter filter) {
        SqlWhere where = where(filter);
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE " + where.sql(), Integer.class,
                where.parameters.toArray());
        return n == null ? 0 : n;
    }

    /** Up to {@code limit} rows in id order, after {@code afterId} (0 for the first page). */
    public List<Row> list(Filter filter, long afterId, int limit) {
        SqlWhere where = where(filter);
        where.add("id > ?", afterId);
        where.parameters.add(limit);
        return jdbc.query("SELECT " + COLUMNS + " FROM quarantine WHERE " + where.sql() + " ORDER BY id FETCH FIRST ? ROWS ONLY",
                this::row, where.parameters.toArray());
    }

    public Optional<Row> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM quarantine WHERE id = ?", this::row, id).stream().findFirst();
    }

    /** The original bytes of a row, unsealed. */
    public Optional<byte[]> payload(long id) {
        return jdbc.query("SELECT payload_sealed FROM quarantine WHERE id = ?", (rs, n) -> cipher.open(rs.getBytes(1)), id)
                .stream().findFirst();
    }

    /** The records of the open rows among the next {@code limit} matching rows after {@code afterId}, to replay. */
    public List<FeedRecord> replayable(Filter filter, long afterId, int limit) {
        SqlWhere where = where(filter.openOnly());
        where.add("id > ?", afterId);
        where.parameters.add(limit);
        return jdbc.query("SELECT id, feed, payload_sealed, position, received_at FROM quarantine WHERE " + where.sql()
                        + " ORDER BY id FETCH FIRST ? ROWS ONLY",
                (rs, n) -> FeedRecord.replay(rs.getLong("id"), rs.getString("feed"), cipher.open(rs.getBytes("payload_sealed")),
                        read(rs.getString("position"), POSITION), SqlWhere.utc(rs, "received_at").toInstant()),
                where.parameters.toArray());
    }

    /** Moves an open row to discarded; false when the row is not open (or absent). */
    public boolean discard(long id, String reason, String by, OffsetDateTime now) {
        return jdbc.update("UPDATE quarantine SET state = ?, state_reason = ?, state_changed_at = ?, state_changed_by = ?"
                + " WHERE id = ? AND state = ?", DISCARDED, reason, now, by, id, OPEN) == 1;
    }

    private static SqlWhere where(Filter filter) {
        SqlWhere where = new SqlWhere();
        where.add("1 = 1");
        if (!filter.ids().isEmpty()) {
            where.add("id IN (" + SqlWhere.placeholders(filter.ids().size()) + ")",
                    filter.ids().toArray());
        }
        if (filter.feed() != null) {
            where.add("feed = ?", filter.feed());
        }
        if (filter.stage() != null) {
            where.add("stage = ?", filter.stage());
        }
        if (filter.reason() != null) {
            where.add("reasons LIKE ? ESCAPE '!'", "%" + filter.reason().replaceAll("[!%_]", "!$0") + "%");
        }
        if (filter.state() != null) {
            where.add("state = ?", filter.state());
        }
        if (filter.receivedFrom() != null) {
            where.add("received_at >= ?", filter.receivedFrom());
        }
        if (filter.receivedTo() != null) {
            where.add("received_at < ?", filter.receivedTo());
        }
        return where;
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        long version = rs.getLong("source_version");
        return new Row(rs.getLong("id"), rs.getString("feed"), rs.getString("record_id"), rs.wasNull() ? null : version,
                rs.getString("stage"), read(rs.getString("reasons"), REASONS), read(rs.getString("position"), POSITION),
                SqlWhere.utc(rs, "received_at"), rs.getString("state"), rs.getString("state_reason"), SqlWhere.utc(rs, "state_changed_at"),
                rs.getString("state_changed_by"), rs.getInt("replay_count"), SqlWhere.utc(rs, "replayed_at"),
                rs.getString("replay_outcome"), rs.getString("case_id"));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a quarantine row's JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write quarantine reasons", e);
        }
    }

    /** Open quarantine (not yet replayed or discarded) of one feed and the stage that refused its records. */
    /**
     * Re-seals under the current key the payloads of up to {@code limit} rows after {@code afterId} sealed under
     * another (the re-seal job); each row is opened and sealed again in one statement of its own.
     *
     * @return the ids of the rows re-sealed, in order; empty when none is left
     */
    public List<Long> resealAfter(long afterId, int limit) {
        String current = cipher.currentKeyId();
        List<Map.Entry<Long, byte[]>> rows = jdbc.query("SELECT id, payload_sealed FROM quarantine WHERE id > ? AND key_id <> ?"
                + " ORDER BY id FETCH FIRST ? ROWS ONLY", (rs, n) -> Map.entry(rs.getLong(1), rs.getBytes(2)), afterId, current,
                limit);
        for (Map.Entry<Long, byte[]> row : rows) {
            jdbc.update("UPDATE quarantine SET payload_sealed = ?, key_id = ? WHERE id = ?",
                    cipher.seal(cipher.open(row.getValue())), current, row.getKey());
        }
        return rows.stream().map(Map.Entry::getKey).toList();
    }

    public record Quarantined(String feed, String stage, long count, Instant latest) {
    }

    /** Open quarantine by feed and stage, for the status page. */
    public List<Quarantined> openByFeedAndStage() {
        return jdbc.query("SELECT feed, stage, COUNT(*), MAX(received_at) FROM quarantine WHERE state = 'open'"
                        + " GROUP BY feed, stage ORDER BY feed, stage",
                (rs, n) -> new Quarantined(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()));
    }

    /** Deletes at most {@code limit} rows replayed or discarded before {@code cutoff}, oldest first; returns how many. */
    public int deleteSettledBefore(OffsetDateTime cutoff, int limit) {
        return jdbc.update("DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine WHERE state IN ('" + DISCARDED
                + "', '" + REPLAYED + "') AND state_changed_at < ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY)", cutoff);
    }
}
