package org.casehub.production;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where PostgreSQL's time went in a benchmark's burst, statement by statement (pg_stat_statements, loaded by a durable
 * {@link PostgresCluster}): the store waits for the database most of its time, and the database's own CPU per record
 * is as large as the hub's, so the figures say which statement to make cheaper. Execution time only (planning is not
 * tracked); a COMMIT's time is its wait for the disk.
 */
final class StatementReport {

    private static final int SHOWN = 15;
    private static final int QUERY_WIDTH = 140;

    private final Connection superuser;

    private StatementReport(Connection superuser) {
        this.superuser = superuser;
    }

    /** On a superuser's connection to any database of the cluster (the view shows every database's statements). */
    static StatementReport on(Connection superuser) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return new StatementReport(superuser);
    }

    /** Forgets what was counted so far: a burst's figures are its own. */
    void reset() throws SQLException {
        try (Statement s = superuser.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** The statements that took the most time since the last {@link #reset}, per record of the burst. */
    void print(int records) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            double total;
            long calls;
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(total_exec_time), 0), COALESCE(SUM(calls), 0)"
                    + " FROM pg_stat_statements")) {
                rs.next();
                total = rs.getDouble(1);
                calls = rs.getLong(2);
            }
            System.out.printf("  PostgreSQL's statements (pg_stat_statements, execution time of every session): %,.0f ms"
                    + " in %,d calls, %.3f ms per record; the %d that took longest:%n", total, calls, total / records, SHOWN);
            System.out.printf("    %6s  %9s  %9s  %10s  %9s  %9s  %9s  %s%n", "share", "calls", "rows", "ms/call",
                    "µs/record", "buf/row", "WAL B/row", "statement");
            // buffers touched (hit or read) and WAL written per row: what a statement's time is made of
            try (ResultSet rs = s.executeQuery("SELECT query, calls, rows, total_exec_time, mean_exec_time,"
                    + " shared_blks_hit + shared_blks_read, wal_bytes"
                    + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT " + SHOWN)) {
                while (rs.next()) {
                    double rows = Math.max(1, rs.getLong(3));
                    System.out.printf("    %5.1f%%  %,9d  %,9d  %10.3f  %9.1f  %9.1f  %,9.0f  %s%n",
                            100 * rs.getDouble(4) / total, rs.getLong(2), rs.getLong(3), rs.getDouble(5),
                            1000 * rs.getDouble(4) / records, rs.getLong(6) / rows, rs.getDouble(7) / rows,
                            shortened(rs.getString(1)));
                }
            }
        }
    }

    private static String shortened(String query) {
        String line = query.replaceAll("\\s+", " ").trim();
        return line.length() <= QUERY_WIDTH ? line : line.substring(0, QUERY_WIDTH) + "…";
    }
}
