package org.casehub.index;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.casehub.core.SqlWhere;
import org.casehub.network.UnitResolver;
import org.casehub.security.Callers;
import org.casehub.security.ScopeRestriction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The reads of the case index behind the case API and Open311. Every query takes the caller's
 * {@link ScopeRestriction} on {@code c.division_code}: a case outside it is never read, listed or counted, and
 * the rows hanging off a case (sources, events, deliveries) are read only after the case itself was.
 */
@Repository
public class CaseQueryRepository {

    private static final String CASE_COLUMNS = "c.case_id, c.revision, c.status, c.category, c.division_code,"
            + " c.case_json, c.created_at, c.updated_at";
    private static final String UNIT_DESTINATIONS = UnitResolver.DESTINATION_PREFIX + "%";

    private final JdbcTemplate jdbc;

    public CaseQueryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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

    public record EventRow(String eventId, int revision, String type, String eventJson) {
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
                + " ORDER BY c.updated_at, c.case_id FETCH FIRST ? ROWS ONLY", CaseQueryRepository::caseRow,
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
                + " ORDER BY c.created_at DESC, c.case_id DESC FETCH FIRST ? ROWS ONLY", CaseQueryRepository::caseRow,
                where.parameters.toArray());
    }

    public Optional<CaseRow> find(ScopeRestriction scope, String caseId) {
        return jdbc.query("SELECT " + CASE_COLUMNS + " FROM hub_case c WHERE c.case_id = ? AND " + scope.sql(),
                CaseQueryRepository::caseRow, scope.after(caseId)).stream().findFirst();
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

    /** The history of a case already read through the scope, in revision order. */
    public List<EventRow> events(CaseRow found) {
        return jdbc.query("SELECT event_id, revision, event_type, event_json FROM case_event WHERE case_id = ?"
                        + " ORDER BY revision",
                (rs, n) -> new EventRow(rs.getString("event_id"), rs.getInt("revision"), rs.getString("event_type"),
                        rs.getString("event_json")), found.caseId());
    }

    /** The messages for the units responsible for a case already read through the scope, as the outbox holds them. */
    public List<DeliveryRow> deliveries(CaseRow found) {
        return jdbc.query("SELECT destination, event_id, published_at FROM outbox WHERE case_id = ? AND destination LIKE ?"
                        + " ORDER BY id",
                (rs, n) -> new DeliveryRow(rs.getString("destination").substring(UnitResolver.DESTINATION_PREFIX.length()),
                        rs.getString("event_id"), SqlWhere.utc(rs, "published_at")), found.caseId(), UNIT_DESTINATIONS);
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
        return where;
    }

    private static CaseRow caseRow(ResultSet rs, int n) throws SQLException {
        return new CaseRow(rs.getString("case_id"), rs.getInt("revision"), rs.getString("status"), rs.getString("category"),
                rs.getString("division_code"), rs.getString("case_json"), SqlWhere.utc(rs, "created_at"), SqlWhere.utc(rs, "updated_at"));
    }
}
