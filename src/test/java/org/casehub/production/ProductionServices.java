package org.casehub.production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.support.FakeWorkOrderPlatform;
import org.springframework.util.FileSystemUtils;

/**
 * The services a production hub runs against, each started as README's runbook sets it up: PostgreSQL (index and
 * exchange databases), Artemis with login, Kafka, and the 12345 platform (a stub following the contract). One set per
 * test class; {@link #close()} stops them all and deletes their folder.
 */
final class ProductionServices implements AutoCloseable {

    static final String INDEX_DB = "casehub";
    static final String EXCHANGE_DB = "xf_exchange";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path folder;
    final PostgresCluster postgres;
    final ArtemisBroker artemis;
    final KafkaBroker kafka;
    final FakeWorkOrderPlatform livelihood;
    private final String piiKey = randomKey();
    private final String hashKey = randomKey();

    private ProductionServices(Path folder, PostgresCluster postgres, ArtemisBroker artemis, KafkaBroker kafka) {
        this.folder = folder;
        this.postgres = postgres;
        this.artemis = artemis;
        this.kafka = kafka;
        this.livelihood = FakeWorkOrderPlatform.start();
    }

    static ProductionServices start() {
        return start("", new String[] {"", ""});
    }

    /** With more Artemis security settings and users/roles lines (see {@link ArtemisBroker#create}). */
    static ProductionServices start(String extraSecurity, String[] extraUsers) {
        return start(extraSecurity, extraUsers, false);
    }

    /** With PostgreSQL syncing its commits to disk as production does (a benchmark), or not (the suite). */
    static ProductionServices start(String extraSecurity, String[] extraUsers, boolean durableDatabase) {
        try {
            Path folder = Files.createTempDirectory("casehub-production-");
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<AutoCloseable> started = new ArrayList<>();
            try {
                PostgresCluster postgres = started(started, PostgresCluster.create(folder, durableDatabase));
                createExchangeDatabase(postgres);
                ArtemisBroker artemis = started(started, ArtemisBroker.create(folder, extraSecurity, extraUsers));
                KafkaBroker kafka = started(started, KafkaBroker.create(folder));
                return new ProductionServices(folder, postgres, artemis, kafka);
            } catch (RuntimeException | Error e) {
                for (AutoCloseable service : started) {
                    try {
                        service.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                FileSystemUtils.deleteRecursively(folder.toFile());
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exchange database: the contract's table with its sample rows, and the hub's role with only its grants. */
    private static <T extends AutoCloseable> T started(List<AutoCloseable> started, T service) {
        started.add(service);
        return service;
    }

    private static void createExchangeDatabase(PostgresCluster postgres) {
        try (Connection c = postgres.superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + EXCHANGE_DB);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        postgres.psql(EXCHANGE_DB, Path.of("src/test/resources/contracts/xf_exchange.sql"));
        postgres.psql(EXCHANGE_DB, Path.of("src/test/resources/contracts/xf_result_exchange.sql"));
        postgres.psql(EXCHANGE_DB, Path.of("config/production/exchange-grants.sql"),
                "exchange_password='" + PostgresCluster.EXCHANGE_PASSWORD + "'");
    }

    /** The contract's sample work orders (livelihood.sample.json) on the 12345 stub. */
    void offerLivelihoodSamples() {
        try {
            JsonNode page = JSON.readTree(Files.readString(Path.of("src/test/resources/contracts/livelihood.sample.json"),
                    StandardCharsets.UTF_8));
            page.path("items").forEach(item -> livelihood.put((ObjectNode) item));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The documented environment of a production hub (README, running in production, step 5).
     *
     * @param optionalSources whether the 12345 platform and the exchange database are set
     */
    Map<String, String> hubEnvironment(boolean optionalSources) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CASEHUB_KAFKA_BOOTSTRAP", kafka.bootstrap());
        env.put("CASEHUB_ARTEMIS_URL", artemis.url());
        env.put("CASEHUB_ARTEMIS_USER", ArtemisBroker.HUB_USER);
        env.put("CASEHUB_ARTEMIS_PASSWORD", ArtemisBroker.HUB_PASSWORD);
        env.put("CASEHUB_DB_URL", postgres.url(INDEX_DB));
        env.put("CASEHUB_DB_USER", PostgresCluster.APP);
        env.put("CASEHUB_DB_PASSWORD", PostgresCluster.APP_PASSWORD);
        env.put("CASEHUB_DB_OWNER_USER", PostgresCluster.OWNER);
        env.put("CASEHUB_DB_OWNER_PASSWORD", PostgresCluster.OWNER_PASSWORD);
        env.put("CASEHUB_PII_KEY", piiKey);
        env.put("CASEHUB_HASH_KEY", hashKey);
        env.put("CASEHUB_WEBHOOK_SECRET", "suite-webhook-secret");
        if (optionalSources) {
            env.put("CASEHUB_LIVELIHOOD_BASE_URL", livelihood.baseUrl());
            env.put("CASEHUB_LIVELIHOOD_API_KEY", FakeWorkOrderPlatform.API_KEY);
            env.put("CASEHUB_EXCHANGE_DB_URL", postgres.url(EXCHANGE_DB));
            env.put("CASEHUB_EXCHANGE_DB_USER", PostgresCluster.EXCHANGE_USER);
            env.put("CASEHUB_EXCHANGE_DB_PASSWORD", PostgresCluster.EXCHANGE_PASSWORD);
        }
        // documented tuning (README, step 5: any property as its environment variable): the suite's API clients,
        // a 12345 poll every 2 s in pages of 20, and leases of 6 s so that a take-over is quick
        env.put("CASEHUB_ACCESS_EXTRA_CLIENT_FILES", "file:" + Path.of("src/test/resources/test-clients.yaml").toAbsolutePath());
        env.put("CASEHUB_LIVELIHOOD_POLL_PERIOD", "PT2S");
        env.put("CASEHUB_LIVELIHOOD_PAGE_SIZE", "20");
        env.put("CASEHUB_LIVELIHOOD_BACKOFF_MAX", "PT5S");
        env.put("CASEHUB_EXCHANGE_POLL_PERIOD", "PT1S");
        env.put("CASEHUB_LEASES_DURATION", "PT6S");
        return env;
    }

    Connection index() throws SQLException {
        return postgres.superuser(INDEX_DB);
    }

    Connection exchange() throws SQLException {
        return postgres.superuser(EXCHANGE_DB);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() {
        livelihood.stop();
        kafka.close();
        artemis.close();
        postgres.close();
        FileSystemUtils.deleteRecursively(folder.toFile());
    }
}
