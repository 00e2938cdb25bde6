package org.casehub.security;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only audit trail (table {@code audit_log}, whose SQL lives here alone): every operator action and every
 * read of personal data, and every request refused for want of a credential or a role. On PostgreSQL the application
 * role may only insert and read it; {@link AuditPurge} alone deletes ({@link #deleteBefore}), as the owner role, what
 * is past the retention.
 */
@Component
public class AuditTrail {

    /** A request without a valid credential (HTTP 401). */
    public static final String AUTHENTICATION_FAILED = "authentication.failed";
    /** A request of a client whose roles do not allow it (HTTP 403). */
    public static final String AUTHORIZATION_DENIED = "authorization.denied";
    /** A request only operators may make, with the HTTP status it ended with. */
    public static final String OPERATOR_REQUEST = "operator.request";
    /** Persons' data of a case read in the clear. */
    public static final String PERSONAL_DATA_READ = "personal-data.read";
    /** A quarantined record replayed (target {@code quarantine:<id>}), or a background replay ended ({@code quarantine-replay:<job id>}). */
    public static final String QUARANTINE_REPLAY = "quarantine.replay";
    /** A quarantined record discarded, with the operator's reason. */
    public static final String QUARANTINE_DISCARD = "quarantine.discard";
    /** A re-map of the cases stored with a fallback for unmapped codes ended (target {@code remap:<job id>}). */
    public static final String UNMAPPED_REMAP = "unmapped-codes.remap";
    /** A parked outbox row released for the relay to send again (target {@code outbox:<row id>}). */
    public static final String OUTBOX_RESEND = "outbox.resend";
    /** A unit's report on a case (target the request; detail the unit, state and result id); refusals are denials. */
    public static final String PROGRESS_REPORT = "progress.report";
    /** A re-seal of the stored personal data started or ended (target {@code pii-reseal:<job id>}). */
    public static final String PII_RESEAL = "pii.reseal";

    private static final String COLUMNS =
            "id, occurred_at, client_id, action, target, outcome, detail, request_id, remote_address";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public AuditTrail(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Appends the entry in a transaction of its own: it stays even if the caller's transaction rolls back. */
    public void record(AuditEntry entry) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "INSERT INTO audit_log (occurred_at, client_id, action, target, outcome, detail, request_id, remote_address)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                OffsetDateTime.now(ZoneOffset.UTC), cut(entry.clientId(), 64), cut(entry.action(), 64),
                cut(entry.target(), 500), entry.outcome().key(), cut(entry.detail(), 500),
                cut(entry.origin().requestId(), 64), cut(entry.origin().remoteAddress(), 64)));
    }

    public AuditPage find(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (query.clientId() != null) {
            conditions.add("client_id = ?");
            parameters.add(query.clientId());
        }
        if (query.action() != null) {
            conditions.add("action = ?");
            parameters.add(query.action());
        }
        if (query.since() != null) {
            conditions.add("occurred_at >= ?");
            parameters.add(query.since());
        }
        if (query.until() != null) {
            conditions.add("occurred_at < ?");
            parameters.add(query.until());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        parameters.add((long) query.page() * query.size());
        // One row more than the page tells whether another page follows.
        parameters.add(query.size() + 1);
        List<AuditPage.Row> rows = jdbc.query("SELECT " + COLUMNS + " FROM audit_log" + where
                        + " ORDER BY occurred_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, n) -> new AuditPage.Row(rs.getLong("id"),
                        rs.getObject("occurred_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toString(),
                        rs.getString("client_id"), rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
                        rs.getString("detail"), rs.getString("request_id"), rs.getString("remote_address")),
                parameters.toArray());
        boolean more = rows.size() > query.size();
        return new AuditPage(more ? rows.subList(0, query.size()) : rows, query.page(), query.size(), more);
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /**
     * Deletes at most {@code limit} rows that occurred before {@code cutoff}, oldest first; returns how many.
     *
     * @param owner a connection as the owner role: the application role may not delete audit rows
     */
    static int deleteBefore(JdbcTemplate owner, OffsetDateTime cutoff, int limit) {
        return owner.update("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE occurred_at < ?"
                + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY)", cutoff);
    }
}
