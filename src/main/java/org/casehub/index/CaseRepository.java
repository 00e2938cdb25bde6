package org.casehub.index;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.casehub.core.DatabaseProduct;
import org.casehub.core.SqlWhere;
import org.casehub.deadline.DeadlineRepository;
import org.casehub.dedup.LinkKind;
import org.casehub.dedup.StoredFacts;
import org.casehub.network.UnitResolver;
import org.casehub.publish.OutboxRepository;
import org.casehub.security.Callers;
import org.casehub.security.CasePersons;
import org.casehub.security.ScopeRestriction;
import org.casehub.steering.MediationOffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of the case tables: {@code hub_case}, {@code source_record}, {@code case_person} and
 * {@code case_link} (joined to each other, so kept together). The reads behind the case API and Open311 take the
 * caller's {@link ScopeRestriction} on {@code c.division_code}: a case outside it is never read, listed or counted,
 * and the rows hanging off a case (sources, events, deliveries) are read only after the case itself was. The write
 * side (package-private) reads what a transaction decides against, locking it, and writes each table with one
 * batched statement per transaction (its rows as records, gathered by {@link IndexWrites}); the dedup rule reads the cases' facts ({@link StoredFacts}) and the personal-data
 * reader their sealed persons ({@link CasePersons}) through interfaces of their own packages.
 */
@Repository
public class CaseRepository implements StoredFacts, CasePersons {

    private static final String CASE_COLUMNS = "c.case_id, c.revision, c.status, c.category, c.division_code,"
            + " c.case_json, c.created_at, c.updated_at";
    private static final String LINK_COLUMNS = "id, case_id, other_case_id, feed, record_id, kind, score, features, state,"
            + " created_at";
    private static final Logger log = LoggerFactory.getLogger(CaseRepository.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final OutboxRepository outbox;
    private final DatabaseProduct database;

    public CaseRepository(JdbcTemplate jdbc, OutboxRepository outbox) {
        this.jdbc = jdbc;
        this.database = new DatabaseProduct(jdbc);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.outbox = outbox;
    }

    /** A case row: the canonical case as stored (persons masked and hashed only) and its index times. */
    public record CaseRow(String caseId, int revision, String status, String category, String divisionCode,
                          String caseJson, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** @param next the cursor of the page after this one, or null at the end */
    public record CasePage(List<CaseRow> cases, CaseCursor next) {
    }

    public record SourceRow(String feed, String recordId, long sourceVersion, OffsetDateTime receivedAt) {
    }

    /** @param publishedAt null while the message still waits in the outbox */
    public record DeliveryRow(String unit, String eventId, OffsetDateTime publishedAt) {
    }

    /** The current caller's scope on the case column these queries name ({@code c.division_code}). */
    public static ScopeRestriction callerScope() {
        return Callers.current().client().scope().restriction("c.division_code");
    }

    /** One page of cases in (updated_at, case_id) order, after the cursor when there is one. */
    public CasePage list(ScopeRestriction scope, CaseFilter filter, CaseCursor after, int limit) {
        SqlWhere where = where(scope, filter);
        if (after != null) {
            where.add("(c.updated_at > ? OR (c.updated_at = ? AND c.case_id > ?))", after.updatedAt(), after.updatedAt(),
                    after.caseId());
        }
        where.parameters.add(limit + 1);
        List<CaseRow> rows = jdbc.query("SELECT " + CASE_COLUMNS + " FROM hub_case c WHERE " + where.sql()
                + " ORDER BY c.updated_at, c.case_id FETCH FIRST ? ROWS ONLY", CaseRepository::caseRow,
                where.parameters.toArray());
        if (rows.size() <= limit) {
            return new CasePage(rows, null);
        }
        List<CaseRow> page = rows.subList(0, limit);
        CaseRow last = page.get(limit - 1);
        return new CasePage(page, new CaseCursor(last.updatedAt(), last.caseId()));
    }

    public long count(ScopeRestriction scope, CaseFilter filter) {
        SqlWhere where = where(scope, filter);
        return jdbc.queryForObject("SELECT COUNT(*) FROM hub_case c WHERE " + where.sql(), Long.class,
                where.parameters.toArray());
    }

    /**
     * Open311's requests: newest first by creation, at most {@code limit}.
     *
     * @param jurisdiction a second restriction (the unit named by jurisdiction_id), or null
     * @param caseIds      when not empty, these cases only, and the filter is not applied
     */
    public List<CaseRow> requests(ScopeRestriction scope, ScopeRestriction jurisdiction, CaseFilter filter,
                                  List<String> caseIds, int limit) {
        SqlWhere where = caseIds.isEmpty() ? where(scope, filter) : where(scope, CaseFilter.NONE);
        if (jurisdiction != null) {
            where.add(jurisdiction.sql(), jurisdiction.parameters().toArray());
        }
        if (!caseIds.isEmpty()) {
            where.add("c.case_id IN (" + SqlWhere.placeholders(caseIds.size()) + ")", caseIds.toArray());
        }
        where.parameters.add(limit);
        return jdbc.query("SELECT " + CASE_COLUMNS + " FROM hub_case c WHERE " + where.sql()
                + " ORDER BY c.created_at DESC, c.case_id DESC FETCH FIRST ? ROWS ONLY", CaseRepository::caseRow,
                where.parameters.toArray());
    }

    public Optional<CaseRow> find(ScopeRestriction scope, String caseId) {
        return jdbc.query("SELECT " + CASE_COLUMNS + " FROM hub_case c WHERE c.case_id = ? AND " + scope.sql(),
                CaseRepository::caseRow, scope.after(caseId)).stream().findFirst();
    }

    /** The case of a source record, when that case lies in the scope. */
    public Optional<String> caseOfSource(ScopeRestriction scope, String feed, String recordId) {
        return jdbc.queryForList("SELECT c.case_id FROM source_record s JOIN hub_case c ON c.case_id = s.case_id"
                + " WHERE s.feed = ? AND s.record_id = ? AND " + scope.sql(), String.class, scope.after(feed, recordId))
                .stream().findFirst();
    }

    /** The source records of a case already read through the scope. */
    public List<SourceRow> sources(CaseRow found) {
        return jdbc.query("SELECT feed, record_id, source_version, received_at FROM source_record WHERE case_id = ?"
                        + " ORDER BY received_at, feed, record_id",
                (rs, n) -> new SourceRow(rs.getString("feed"), rs.getString("record_id"), rs.getLong("source_version"),
                        SqlWhere.utc(rs, "received_at")), found.caseId());
    }

    /** Where a source record of a case already read through the scope was read at its source (offset, page, row), as stored. */
    public Optional<String> position(CaseRow found, String feed, String recordId) {
        return jdbc.queryForList("SELECT position FROM source_record WHERE case_id = ? AND feed = ? AND record_id = ?",
                String.class, found.caseId(), feed, recordId).stream().filter(Objects::nonNull).findFirst();
    }

    /** The history of a case already read through the scope, in revision order. */
    public List<OutboxRepository.EventRow> events(CaseRow found) {
        return outbox.events(found.caseId());
    }

    /** The messages for the units responsible for a case already read through the scope, as the outbox holds them. */
    public List<DeliveryRow> deliveries(CaseRow found) {
        return outbox.deliveries(found.caseId(), UnitResolver.DESTINATION_PREFIX).stream()
                .map(d -> new DeliveryRow(d.destination().substring(UnitResolver.DESTINATION_PREFIX.length()), d.eventId(),
                        d.publishedAt())).toList();
    }

    /** Links between cases by kind (merged, possible, related); none where the index keeps no links. */
    public Map<String, Long> linksByKind() {
        Map<String, Long> kinds = new TreeMap<>();
        try {
            jdbc.query("SELECT kind, COUNT(*) FROM case_link GROUP BY kind", rs -> {
                kinds.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
            });
        } catch (DataAccessException e) {
            log.debug("no dedup links to count: {}", e.getMessage());
        }
        return kinds;
    }

    @Override
    public Optional<String> caseJson(ScopeRestriction scope, String caseId) {
        return jdbc.queryForList("SELECT c.case_json FROM hub_case c WHERE c.case_id = ? AND " + scope.sql(), String.class,
                scope.after(caseId)).stream().findFirst();
    }

    @Override
    public List<SealedPerson> sealedPersons(String caseId) {
        return jdbc.query("SELECT role, name_sealed, id_sealed, phone_sealed FROM case_person WHERE case_id = ?"
                        + " ORDER BY feed, record_id, ordinal",
                (rs, n) -> new SealedPerson(rs.getString("role"), rs.getBytes("name_sealed"), rs.getBytes("id_sealed"),
                        rs.getBytes("phone_sealed")), caseId);
    }

    @Override
    public List<Facts> recentFacts(OffsetDateTime since, OffsetDateTime lastAt, String lastId, int size) {
        String afterLastPage = lastAt == null ? "" : " AND (updated_at < :lastAt OR (updated_at = :lastAt AND case_id < :lastId))";
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("since", since);
        parameters.put("lastAt", lastAt);
        parameters.put("lastId", lastId);
        return named.query("SELECT case_id, revision, dedup_facts, updated_at FROM hub_case"
                        + " WHERE updated_at >= :since AND merged_into IS NULL AND dedup_facts IS NOT NULL" + afterLastPage
                        + " ORDER BY updated_at DESC, case_id DESC FETCH FIRST " + size + " ROWS ONLY", parameters,
                (rs, n) -> new Facts(rs.getString("case_id"), rs.getInt("revision"), rs.getString("dedup_facts"),
                        rs.getObject("updated_at", OffsetDateTime.class)));
    }

    @Override
    public List<Facts> currentFacts(Collection<String> caseIds) {
        return named.query("SELECT case_id, revision, dedup_facts FROM hub_case"
                        + " WHERE case_id IN (:ids) AND merged_into IS NULL AND dedup_facts IS NOT NULL", Map.of("ids", caseIds),
                (rs, n) -> new Facts(rs.getString("case_id"), rs.getInt("revision"), rs.getString("dedup_facts"), null));
    }

    /** A stored source record's canonical case as its feed gave it, for figures counted from the index. */
    public record IndexedSource(String feed, String recordId, String caseId, String canonicalJson) {
    }

    /** How many source records the index holds. */
    public int sourceCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM source_record", Integer.class);
    }

    /** The next source records after (feed, recordId) in primary-key order (from the first when feed is null). */
    public List<IndexedSource> sourcesAfter(String feed, String recordId, int limit) {
        String after = feed == null ? "" : " WHERE feed > ? OR (feed = ? AND record_id > ?)";
        Object[] parameters = feed == null ? new Object[0] : new Object[] {feed, feed, recordId};
        return jdbc.query("SELECT feed, record_id, case_id, canonical_json FROM source_record" + after
                        + " ORDER BY feed, record_id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new IndexedSource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                parameters);
    }

    /** The cases among these tied to another of them by a {@code related} link (same matter, different people). */
    public Set<String> relatedAmong(Collection<String> caseIds) {
        Set<String> tied = new TreeSet<>();
        if (caseIds.isEmpty()) {
            return tied;
        }
        named.query("SELECT case_id, other_case_id FROM case_link WHERE kind = :kind AND case_id IN (:ids)"
                        + " AND other_case_id IN (:ids)", Map.of("kind", LinkKind.RELATED.label(), "ids", caseIds),
                rs -> {
                    tied.add(rs.getString(1));
                    tied.add(rs.getString(2));
                });
        return tied;
    }

    private static SqlWhere where(ScopeRestriction scope, CaseFilter filter) {
        SqlWhere where = new SqlWhere();
        where.add(scope.sql(), scope.parameters().toArray());
        if (filter.divisionPrefix() != null) {
            where.add("c.division_code LIKE ?", filter.divisionPrefix() + "%");
        }
        if (!filter.categories().isEmpty()) {
            where.add("c.category IN (" + SqlWhere.placeholders(filter.categories().size()) + ")", filter.categories().toArray());
        }
        if (!filter.statuses().isEmpty()) {
            where.add("c.status IN (" + SqlWhere.placeholders(filter.statuses().size()) + ")", filter.statuses().toArray());
        }
        if (filter.feed() != null) {
            where.add("EXISTS (SELECT 1 FROM source_record s WHERE s.case_id = c.case_id AND s.feed = ?)", filter.feed());
        }
        if (filter.updatedFrom() != null) {
            where.add("c.updated_at >= ?", filter.updatedFrom());
        }
        if (filter.updatedTo() != null) {
            where.add("c.updated_at < ?", filter.updatedTo());
        }
        if (filter.createdFrom() != null) {
            where.add("c.created_at >= ?", filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            where.add("c.created_at < ?", filter.createdTo());
        }
        if (filter.lawRelated() != null) {
            where.add("c.law_related = ?", filter.lawRelated());
        }
        if (filter.group() != null) {
            where.add("c.group_case = ?", filter.group());
        }
        if (filter.manualRouting() != null) {
            where.add("c.manual_routing = ?", filter.manualRouting());
        }
        if (filter.overdue() != null) {
            DeadlineRepository.overdue(where, filter.overdue(), OffsetDateTime.now(ZoneOffset.UTC));
        }
        if (filter.dueWithin() != null) {
            DeadlineRepository.dueWithin(where, filter.dueWithin(), OffsetDateTime.now(ZoneOffset.UTC));
        }
        if (filter.mediationOffered() != null) {
            where.add(filter.mediationOffered() ? MediationOffers.OFFERED : "NOT " + MediationOffers.OFFERED);
        }
        return where;
    }

    private static CaseRow caseRow(ResultSet rs, int n) throws SQLException {
        return new CaseRow(rs.getString("case_id"), rs.getInt("revision"), rs.getString("status"), rs.getString("category"),
                rs.getString("division_code"), rs.getString("case_json"), SqlWhere.utc(rs, "created_at"), SqlWhere.utc(rs, "updated_at"));
    }

    // ---- the write side: package-private, called inside the index's transactions only ----

    /** The row of a case in its new state; {@code createdAt} is written only when the case is new. */
    record CaseWrite(String caseId, int revision, String status, String category, String channel, String divisionCode,
                     boolean lawRelated, boolean group, boolean manualRouting, String caseJson, String dedupFacts,
                     String primarySource, String mergedInto, OffsetDateTime updatedAt, OffsetDateTime createdAt) {
    }

    /** A source record's newest version, its sealed bytes and the case it belongs to. */
    record SourceWrite(String feed, String recordId, long sourceVersion, OffsetDateTime receivedAt, String position,
                       byte[] payloadSealed, String keyId, String canonicalJson, String caseId) {
    }

    /** A sealed and hashed person of a source record. */
    record PersonWrite(String feed, String recordId, int ordinal, String caseId, String role, byte[] nameSealed,
                       byte[] idSealed, byte[] phoneSealed, String keyId, String idHash, String phoneHash, String nameHash) {
    }

    /** A new link: a record merged into the case (otherCaseId null), or a link with another case. */
    record LinkWrite(String caseId, String otherCaseId, String feed, String recordId, String kind, double score,
                     String features, String state, OffsetDateTime createdAt) {
    }

    /** A source record by its identity. */
    record SourceKey(String feed, String recordId) {
    }

    /** A source record the index knows: its case and the newest version applied. */
    record KnownSource(String feed, String recordId, String caseId, long sourceVersion) {
    }

    /** What a transaction reads of a case it locks. */
    record LockedCase(String caseId, int revision, String divisionCode, String primarySource, String dedupFacts,
                      String mergedInto) {
    }

    /** A source record's content as mapped, for composing its case. */
    record SourceContent(String caseId, String feed, String recordId, long sourceVersion, OffsetDateTime receivedAt,
                         String canonicalJson) {
    }

    /** A row of case_link as stored (features as JSON text). */
    record StoredLink(long id, String caseId, String otherCaseId, String feed, String recordId, String kind, double score,
                      String features, String state, OffsetDateTime createdAt) {
    }

    /** The bytes of a stored source record as its feed delivered them (sealed), where they came from, when. */
    record StoredSource(byte[] payloadSealed, String position, OffsetDateTime receivedAt) {
    }

    void insertCases(Collection<CaseWrite> rows) {
        batch("INSERT INTO hub_case (revision, status, category, channel, division_code, law_related, group_case,"
                + " manual_routing, case_json, dedup_facts, primary_source, merged_into, updated_at, case_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, r -> new Object[] {r.revision(), r.status(),
                r.category(), r.channel(), r.divisionCode(), r.lawRelated(), r.group(), r.manualRouting(), r.caseJson(),
                r.dedupFacts(), r.primarySource(), r.mergedInto(), r.updatedAt(), r.caseId(), r.createdAt()});
    }

    void updateCases(Collection<CaseWrite> rows) {
        batch("UPDATE hub_case SET revision = ?, status = ?, category = ?, channel = ?, division_code = ?, law_related = ?,"
                + " group_case = ?, manual_routing = ?, case_json = ?, dedup_facts = ?, primary_source = ?, merged_into = ?,"
                + " updated_at = ? WHERE case_id = ?", rows, r -> new Object[] {r.revision(), r.status(), r.category(),
                r.channel(), r.divisionCode(), r.lawRelated(), r.group(), r.manualRouting(), r.caseJson(), r.dedupFacts(),
                r.primarySource(), r.mergedInto(), r.updatedAt(), r.caseId()});
    }

    void insertSources(Collection<SourceWrite> rows) {
        batch("INSERT INTO source_record (source_version, received_at, position, payload_sealed, key_id, canonical_json,"
                + " case_id, feed, record_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, CaseRepository::sourceColumns);
    }

    void updateSources(Collection<SourceWrite> rows) {
        batch("UPDATE source_record SET source_version = ?, received_at = ?, position = ?, payload_sealed = ?, key_id = ?,"
                + " canonical_json = ?, case_id = ? WHERE feed = ? AND record_id = ?", rows, CaseRepository::sourceColumns);
    }

    private static Object[] sourceColumns(SourceWrite r) {
        return new Object[] {r.sourceVersion(), r.receivedAt(), r.position(), r.payloadSealed(), r.keyId(),
                r.canonicalJson(), r.caseId(), r.feed(), r.recordId()};
    }

    void deletePersons(Collection<SourceKey> sources) {
        batch("DELETE FROM case_person WHERE feed = ? AND record_id = ?", sources,
                k -> new Object[] {k.feed(), k.recordId()});
    }

    void insertPersons(Collection<PersonWrite> rows) {
        batch("INSERT INTO case_person (feed, record_id, ordinal, case_id, role, name_sealed, id_sealed, phone_sealed,"
                + " key_id, id_hash, phone_hash, name_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
                r -> new Object[] {r.feed(), r.recordId(), r.ordinal(), r.caseId(), r.role(), r.nameSealed(),
                        r.idSealed(), r.phoneSealed(), r.keyId(), r.idHash(), r.phoneHash(), r.nameHash()});
    }

    void insertLinks(Collection<LinkWrite> rows) {
        batch("INSERT INTO case_link (case_id, other_case_id, feed, record_id, kind, score, features, state, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, r -> new Object[] {r.caseId(), r.otherCaseId(), r.feed(),
                r.recordId(), r.kind(), r.score(), r.features(), r.state(), r.createdAt()});
    }

    private <T> void batch(String sql, Collection<T> rows, Function<T, Object[]> columns) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows.stream().map(columns).toList());
        }
    }

    /**
     * Those of the source records (at most a chunk of an IN list) already in the index, locked until the transaction
     * ends. H2 is asked by (feed, record_id) pairs: with feed = ? AND record_id IN (…) it reads every record of the
     * feed. PostgreSQL is asked the other way when the records are one feed's (a batch's always are): it plans a list
     * of pairs as one OR branch each, ~100 ms for 500 of them, and an id list as one walk of the primary key, ~4 ms.
     */
    List<KnownSource> lockKnownSources(List<SourceKey> sources) {
        RowMapper<KnownSource> known = (rs, n) -> new KnownSource(rs.getString("feed"), rs.getString("record_id"),
                rs.getString("case_id"), rs.getLong("source_version"));
        if (database.postgres() && sources.stream().map(SourceKey::feed).distinct().count() == 1) {
            return named.query("SELECT feed, record_id, case_id, source_version FROM source_record WHERE feed = :feed"
                    + " AND record_id IN (:ids) FOR UPDATE", Map.of("feed", sources.get(0).feed(),
                    "ids", sources.stream().map(SourceKey::recordId).toList()), known);
        }
        return named.query("SELECT feed, record_id, case_id, source_version FROM source_record WHERE (feed, record_id) IN (:ids)"
                + " FOR UPDATE", Map.of("ids", sources.stream().map(k -> new Object[] {k.feed(), k.recordId()}).toList()), known);
    }

    /**
     * The cases of these ids, their rows locked until the transaction ends, in case id order: two batches stored at
     * once (two consumer threads, two instances) that meet in some cases wait for each other instead of deadlocking.
     */
    List<LockedCase> lockCases(Collection<String> caseIds) {
        return named.query("SELECT case_id, revision, division_code, primary_source, dedup_facts, merged_into FROM hub_case"
                        + " WHERE case_id IN (:ids) ORDER BY case_id FOR UPDATE", Map.of("ids", List.copyOf(caseIds)),
                (rs, n) -> new LockedCase(rs.getString("case_id"), rs.getInt("revision"), rs.getString("division_code"),
                        rs.getString("primary_source"), rs.getString("dedup_facts"), rs.getString("merged_into")));
    }

    /** The source records of these cases, in the order their cases show them. */
    List<SourceContent> sourcesOf(Collection<String> caseIds) {
        return named.query("SELECT case_id, feed, record_id, source_version, received_at, canonical_json FROM source_record"
                        + " WHERE case_id IN (:ids) ORDER BY received_at, feed, record_id", Map.of("ids", List.copyOf(caseIds)),
                (rs, n) -> new SourceContent(rs.getString("case_id"), rs.getString("feed"), rs.getString("record_id"),
                        rs.getLong("source_version"), rs.getObject("received_at", OffsetDateTime.class),
                        rs.getString("canonical_json")));
    }

    /**
     * The links with an end among these cases, in id order. A union, not an OR: H2 scans the whole table for
     * case_id IN (…) OR other_case_id IN (…); a link with both ends among the ids comes twice.
     */
    List<StoredLink> linksOf(Collection<String> caseIds) {
        String links = "SELECT " + LINK_COLUMNS + " FROM case_link WHERE ";
        return named.query("(" + links + "case_id IN (:ids)) UNION ALL (" + links + "other_case_id IN (:ids)) ORDER BY id",
                Map.of("ids", List.copyOf(caseIds)), CaseRepository::link);
    }

    /** A link, locked until the transaction ends. */
    Optional<StoredLink> lockLink(long linkId) {
        return jdbc.query("SELECT " + LINK_COLUMNS + " FROM case_link WHERE id = ? FOR UPDATE", CaseRepository::link, linkId)
                .stream().findFirst();
    }

    /** Possible duplicates waiting for a person, oldest first, their case inside the scope (on c.division_code). */
    List<StoredLink> openPossibleLinks(ScopeRestriction scope) {
        return jdbc.query("SELECT l.id, l.case_id, l.other_case_id, l.feed, l.record_id, l.kind, l.score, l.features, l.state,"
                        + " l.created_at FROM case_link l JOIN hub_case c ON c.case_id = l.case_id"
                        + " WHERE l.kind = 'possible' AND l.state = 'open' AND " + scope.sql() + " ORDER BY l.created_at, l.id",
                CaseRepository::link, scope.parameters().toArray());
    }

    /** An operator's decision on a link. */
    void decideLink(long linkId, String state, String operator, OffsetDateTime now, String reason) {
        jdbc.update("UPDATE case_link SET state = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?",
                state, operator, now, reason, linkId);
    }

    /** The merged link of a record split out of its case is closed. */
    void splitMergedLink(String caseId, String feed, String recordId, String operator, OffsetDateTime now, String reason) {
        jdbc.update("UPDATE case_link SET state = 'split', decided_by = ?, decided_at = ?, decision_note = ?"
                + " WHERE case_id = ? AND other_case_id IS NULL AND feed = ? AND record_id = ? AND kind = 'merged'",
                operator, now, reason, caseId, feed, recordId);
    }

    /** A source record and its persons move to another case. */
    void moveSource(String feed, String recordId, String toCaseId) {
        jdbc.update("UPDATE source_record SET case_id = ? WHERE feed = ? AND record_id = ?", toCaseId, feed, recordId);
        jdbc.update("UPDATE case_person SET case_id = ? WHERE feed = ? AND record_id = ?", toCaseId, feed, recordId);
    }

    /** Every source record of a case, and their persons, move to another case. */
    void moveSources(String fromCaseId, String toCaseId) {
        jdbc.update("UPDATE source_record SET case_id = ? WHERE case_id = ?", toCaseId, fromCaseId);
        jdbc.update("UPDATE case_person SET case_id = ? WHERE case_id = ?", toCaseId, fromCaseId);
    }

    /** The stored record as its feed delivered it; empty when the index lost it. */
    Optional<StoredSource> storedSource(String feed, String recordId) {
        return jdbc.query("SELECT payload_sealed, position, received_at FROM source_record WHERE feed = ? AND record_id = ?",
                (rs, n) -> new StoredSource(rs.getBytes("payload_sealed"), rs.getString("position"),
                        SqlWhere.utc(rs, "received_at")), feed, recordId).stream().findFirst();
    }

    /** The case a stored source record belongs to. */
    String caseOfRecord(String feed, String recordId) {
        return jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = ? AND record_id = ?", String.class,
                feed, recordId);
    }

    /** A source record's content as mapped again (an operator's re-map). */
    void updateCanonical(String feed, String recordId, String canonicalJson) {
        jdbc.update("UPDATE source_record SET canonical_json = ? WHERE feed = ? AND record_id = ?", canonicalJson, feed,
                recordId);
    }

    // --- re-seal (PiiReseals): the stored personal data moved to the current key, the hashes to the current hash key

    /** A person row as stored: its sealed values, their key, and its matching hashes. */
    record StoredPerson(String feed, String recordId, int ordinal, byte[] nameSealed, byte[] idSealed, byte[] phoneSealed,
                        String keyId, String idHash, String phoneHash, String nameHash) {
    }

    /** A source record's sealed payload and its content as mapped (persons masked and hashed). */
    record StoredPayload(String feed, String recordId, byte[] payloadSealed, String keyId, String canonicalJson) {
    }

    /** What a case row says with the persons' hashes in it: the case as shown, and the dedup rule's facts. */
    record CaseDocuments(String caseJson, String dedupFacts) {
    }

    /** Up to {@code limit} case ids after {@code after} (null: from the first), in id order; and how many there are. */
    List<String> caseIdsAfter(String after, int limit) {
        return jdbc.queryForList("SELECT case_id FROM hub_case WHERE case_id > ? ORDER BY case_id FETCH FIRST " + limit
                + " ROWS ONLY", String.class, after == null ? "" : after);
    }

    int countCases() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM hub_case", Integer.class);
    }

    /** The case's documents, its row locked until the transaction ends (as the index transaction locks it). */
    Optional<CaseDocuments> lockDocuments(String caseId) {
        return jdbc.query("SELECT case_json, dedup_facts FROM hub_case WHERE case_id = ? FOR UPDATE",
                (rs, n) -> new CaseDocuments(rs.getString("case_json"), rs.getString("dedup_facts")), caseId).stream().findFirst();
    }

    void rewriteDocuments(String caseId, CaseDocuments documents) {
        jdbc.update("UPDATE hub_case SET case_json = ?, dedup_facts = ? WHERE case_id = ?", documents.caseJson(),
                documents.dedupFacts(), caseId);
    }

    List<StoredPerson> storedPersons(String caseId) {
        return jdbc.query("SELECT feed, record_id, ordinal, name_sealed, id_sealed, phone_sealed, key_id, id_hash, phone_hash,"
                + " name_hash FROM case_person WHERE case_id = ? ORDER BY feed, record_id, ordinal",
                (rs, n) -> new StoredPerson(rs.getString("feed"), rs.getString("record_id"), rs.getInt("ordinal"),
                        rs.getBytes("name_sealed"), rs.getBytes("id_sealed"), rs.getBytes("phone_sealed"), rs.getString("key_id"),
                        rs.getString("id_hash"), rs.getString("phone_hash"), rs.getString("name_hash")), caseId);
    }

    void rewritePerson(StoredPerson person) {
        jdbc.update("UPDATE case_person SET name_sealed = ?, id_sealed = ?, phone_sealed = ?, key_id = ?, id_hash = ?,"
                + " phone_hash = ?, name_hash = ? WHERE feed = ? AND record_id = ? AND ordinal = ?", person.nameSealed(),
                person.idSealed(), person.phoneSealed(), person.keyId(), person.idHash(), person.phoneHash(), person.nameHash(),
                person.feed(), person.recordId(), person.ordinal());
    }

    List<StoredPayload> storedPayloads(String caseId) {
        return jdbc.query("SELECT feed, record_id, payload_sealed, key_id, canonical_json FROM source_record WHERE case_id = ?"
                + " ORDER BY feed, record_id", (rs, n) -> new StoredPayload(rs.getString("feed"), rs.getString("record_id"),
                        rs.getBytes("payload_sealed"), rs.getString("key_id"), rs.getString("canonical_json")), caseId);
    }

    void rewritePayload(StoredPayload payload) {
        jdbc.update("UPDATE source_record SET payload_sealed = ?, key_id = ?, canonical_json = ? WHERE feed = ?"
                + " AND record_id = ?", payload.payloadSealed(), payload.keyId(), payload.canonicalJson(), payload.feed(),
                payload.recordId());
    }

    private static StoredLink link(ResultSet rs, int n) throws SQLException {
        return new StoredLink(rs.getLong("id"), rs.getString("case_id"), rs.getString("other_case_id"), rs.getString("feed"),
                rs.getString("record_id"), rs.getString("kind"), rs.getDouble("score"), rs.getString("features"),
                rs.getString("state"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
