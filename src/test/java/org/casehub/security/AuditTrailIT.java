package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail is append-only: rows stay whatever the caller's transaction does, the purge removes only rows
 * past the retention, and on PostgreSQL neither the application role nor the owner can change or delete the rest.
 */
class AuditTrailIT extends HubTestSupport {

    private static final String PERMISSION_DENIED = "permission denied for table audit_log";
    private static final String ON_POSTGRESQL_ONLY =
            "H2 run: H2 has no roles or grants to test; the postgresql failsafe execution runs this";

    @Autowired
    AuditTrail audit;

    @Autowired
    AuditPurge purge;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Environment environment;

    private final String requestId = UUID.randomUUID().toString();

    @Test
    void anAuditRowStaysWhenTheCallersTransactionRollsBack() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record(entry());
            status.setRollbackOnly();
        });

        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void thePurgeDeletesRowsOlderThanTheRetentionAndKeepsTheRest() {
        String old = insert(OffsetDateTime.now(ZoneOffset.UTC).minusMonths(7));
        String recent = insert(OffsetDateTime.now(ZoneOffset.UTC).minusMonths(5));

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

        assertThat(rows(old)).isZero();
        assertThat(rows(recent)).isEqualTo(1);
    }

    @Test
    @EnabledIfSystemProperty(named = "casehub.test.db", matches = "postgresql", disabledReason = ON_POSTGRESQL_ONLY)
    void theApplicationRoleCannotUpdateOrDeleteAuditRowsEvenOldOnes() {
        String old = insert(OffsetDateTime.now(ZoneOffset.UTC).minusYears(1));

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_log SET detail = 'changed' WHERE request_id = ?", old))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining(PERMISSION_DENIED);
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_log WHERE request_id = ?", old))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining(PERMISSION_DENIED);
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_log"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining(PERMISSION_DENIED);
        assertThat(rows(old)).isEqualTo(1);
    }

    @Test
    @EnabledIfSystemProperty(named = "casehub.test.db", matches = "postgresql", disabledReason = ON_POSTGRESQL_ONLY)
    void theTriggerStopsEvenTheOwnerFromChangingRowsOrDeletingRecentOnes() throws SQLException {
        String recent = insert(OffsetDateTime.now(ZoneOffset.UTC).minusMonths(5));
        String old = insert(OffsetDateTime.now(ZoneOffset.UTC).minusYears(1));

        try (Connection owner = ownerConnection()) {
            assertThatThrownBy(() -> execute(owner, "UPDATE audit_log SET detail = 'changed' WHERE request_id = ?", old))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> execute(owner, "DELETE FROM audit_log WHERE request_id = ?", recent))
                    .hasMessageContaining("append-only");
            try (Statement statement = owner.createStatement()) {
                assertThatThrownBy(() -> statement.execute("TRUNCATE audit_log")).hasMessageContaining("append-only");
            }
            assertThat(execute(owner, "DELETE FROM audit_log WHERE request_id = ?", old)).isEqualTo(1);
        }
        assertThat(rows(recent)).isEqualTo(1);
    }

    private AuditEntry entry() {
        return new AuditEntry("it-operator", AuditTrail.OPERATOR_REQUEST, "GET /api/audit", AuditOutcome.SUCCESS,
                "HTTP 200", new RequestOrigin(requestId, "192.0.2.1"));
    }

    /** A row written at the given time, as the application role may; returns its request id. */
    private String insert(OffsetDateTime at) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO audit_log (occurred_at, client_id, action, target, outcome, request_id)"
                + " VALUES (?, 'it-operator', 'operator.request', 'GET /api/audit', 'success', ?)", at, id);
        return id;
    }

    private int rows() {
        return rows(requestId);
    }

    private int rows(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE request_id = ?", Integer.class, id);
    }

    /** The owner role Flyway migrates as, on the database and schema of the hub. */
    private Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("spring.flyway.user"), environment.getProperty("spring.flyway.password"));
    }

    private static int execute(Connection connection, String sql, String requestId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, requestId);
            return statement.executeUpdate();
        }
    }
}
