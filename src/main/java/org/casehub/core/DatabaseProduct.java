package org.casehub.core;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether the index database is PostgreSQL, asked of the database once: the repositories that have a faster statement
 * there than the portable one H2 runs (arrays, {@code ON CONFLICT}, advisory locks) choose by it.
 */
public final class DatabaseProduct {

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public DatabaseProduct(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean postgres() {
        if (postgres == null) {
            postgres = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
        }
        return postgres;
    }
}
