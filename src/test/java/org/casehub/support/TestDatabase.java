package org.casehub.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The index database of a test context. H2 by default; with {@code -Dcasehub.test.db=postgresql}
 * (the second failsafe run) the PostgreSQL of {@code CASEHUB_TEST_PG_URL}, in a fresh schema per
 * context, migrated by the owner role and used by the application role as in production.
 * The pom runs that execution only where CASEHUB_TEST_PG_URL is set, and always with CI=true, where
 * a missing database then fails the build.
 */
final class TestDatabase {

    private TestDatabase() {
    }

    static boolean postgres() {
        return "postgresql".equals(System.getProperty("casehub.test.db"));
    }

    /** The index database's properties: none on H2 (the data folder's file); a fresh PostgreSQL schema otherwise. */
    static Map<String, Object> properties() {
        if (!postgres()) {
            return Map.of();
        }
        String url = System.getenv("CASEHUB_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("the PostgreSQL run needs CASEHUB_TEST_PG_URL (.ci/run starts a database and sets it)");
        }
        String user = System.getenv("CASEHUB_TEST_PG_USER");
        String password = System.getenv("CASEHUB_TEST_PG_PASSWORD");
        String owner = envOr("CASEHUB_TEST_PG_OWNER_USER", user);
        String ownerPassword = envOr("CASEHUB_TEST_PG_OWNER_PASSWORD", password);
        String schema = "casehub_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, owner, ownerPassword); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema on " + url + ": " + e.getMessage(), e);
        }
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", schemaUrl);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("spring.flyway.user", owner);
        properties.put("spring.flyway.password", ownerPassword);
        properties.put("spring.flyway.default-schema", schema);
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.placeholders.appRole", user);
        return properties;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
