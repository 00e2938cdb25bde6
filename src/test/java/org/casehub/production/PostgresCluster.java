package org.casehub.production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.casehub.embedded.FreePorts;

/**
 * A PostgreSQL cluster of the suite's own (initdb, pg_ctl on a free port of 127.0.0.1, password logins), so that the
 * suite may stop and start it mid-load without disturbing the machine's shared test database. As root, the server
 * programs run as the {@code postgres} user, as the Debian service runs them. The index database and its roles are
 * made by the shipped {@code config/production/postgres-roles.sql}, run with psql as an operator runs it.
 */
final class PostgresCluster implements AutoCloseable {

    static final String SUPERUSER_PASSWORD = "suite-superuser";
    static final String OWNER = "casehub_owner";
    static final String OWNER_PASSWORD = "owner-suite";
    static final String APP = "casehub_app";
    static final String APP_PASSWORD = "app-suite";
    static final String EXCHANGE_USER = "casehub_exchange";
    static final String EXCHANGE_PASSWORD = "exchange-suite";

    private final Path bin = Prerequisites.postgresBin();
    private final Path data;
    private final Path log;
    private final int port = FreePorts.free();
    private final boolean root = "root".equals(System.getProperty("user.name"));
    /**
     * A benchmark's cluster counts the time of every statement ({@link StatementReport}): pg_stat_statements is part of
     * PostgreSQL's own distribution, loaded at start.
     */
    private static final String STATEMENT_STATISTICS = " -c shared_preload_libraries=pg_stat_statements"
            + " -c pg_stat_statements.track=all";
    /**
     * A benchmark's server settings besides those ({@code -Dcasehub.bench.postgres="-c shared_buffers=4GB …"}), to
     * measure the hub on a server configured as a deployment's would be; default none: PostgreSQL's own defaults.
     */
    private static final String BENCH_SETTINGS = System.getProperty("casehub.bench.postgres", "");
    /** whether commits wait for the disk, as in production (the suite turns fsync off to be quick) */
    private final boolean durable;

    private PostgresCluster(Path folder, boolean durable) {
        this.data = folder.resolve("pgdata");
        this.log = folder.resolve("postgres.log");
        this.durable = durable;
    }

    static PostgresCluster create(Path parent) {
        return create(parent, false);
    }

    /** @param durable fsync on, as a production server runs (a benchmark); off for the suite's speed */
    static PostgresCluster create(Path parent, boolean durable) {
        Path folder = parent.resolve("postgres");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresCluster cluster = new PostgresCluster(folder, durable);
        cluster.init(folder);
        cluster.start();
        cluster.psql("postgres", Path.of("config/production/postgres-roles.sql"),
                "owner_password='" + OWNER_PASSWORD + "'", "app_password='" + APP_PASSWORD + "'");
        return cluster;
    }

    private void init(Path folder) {
        try {
            // the postgres user must reach the folder and write its log there
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path password = folder.resolve("superuser.pw");
            Files.writeString(password, SUPERUSER_PASSWORD);
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
            Files.createFile(log);
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
            ChildProcess.run("initdb", server(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--pwfile=" + password, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"), folder,
                    folder.resolve("initdb.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server program, as the postgres user when the suite runs as root (PostgreSQL refuses to run as root). */
    private List<String> server(String... command) {
        if (!root) {
            return List.of(command);
        }
        return List.of("su", "postgres", "-s", "/bin/sh", "-c", String.join(" ", quoted(command)));
    }

    private static String[] quoted(String[] words) {
        return java.util.Arrays.stream(words).map(w -> "'" + w.replace("'", "'\\''") + "'").toArray(String[]::new);
    }

    /** Starts (or starts again) and waits until it takes connections. */
    void start() {
        ChildProcess.run("pg_ctl start", server(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                log.toString(), "-w", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + data
                        + " -c max_connections=200" + (durable ? STATEMENT_STATISTICS + " " + BENCH_SETTINGS : " -c fsync=off"), "start"), data.getParent(),
                data.getParent().resolve("pg_ctl.log"));
    }

    /** Stops it the fast way (every session disconnected), as a restart by an operator does. */
    void stop() {
        ChildProcess.run("pg_ctl stop", server(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast",
                "-w", "stop"), data.getParent(), data.getParent().resolve("pg_ctl.log"));
    }

    /** The postmaster's process id (its server processes are its children), from {@code postmaster.pid}. */
    long pid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Runs an SQL file with psql as the superuser, with psql variables (name=value). */
    void psql(String database, Path file, String... variables) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-q"));
        for (String variable : variables) {
            command.add("-v");
            command.add(variable);
        }
        command.add("-f");
        command.add(file.toAbsolutePath().toString());
        ChildProcess child = ChildProcess.start("psql", command, data.getParent(), Map.of("PGPASSWORD", SUPERUSER_PASSWORD),
                data.getParent().resolve("psql.log"));
        try {
            if (child.waitFor() != 0) {
                throw new IllegalStateException("psql " + file + " failed:\n" + Logs.tail(child.log()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    Connection superuser(String database) throws SQLException {
        return connect(database, "postgres", SUPERUSER_PASSWORD);
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            // already stopped
        }
    }
}
