package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.casehub.CasehubApplication;
import org.casehub.embedded.FreePorts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The whole hub on its embedded brokers and H2, once for every IT that extends this class (one cached
 * Spring context): free ports, a fresh data folder and a copy of the home folder, so tests neither clash, nor
 * see old data, nor edit the project's own routes and mappings.
 */
@SpringBootTest(classes = CasehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HubTestSupport {

    protected static final Path DATA = freshDataFolder();
    /** the hub's home folder: a copy of the project's routes/, mappings/, schemas/ and config/, which ITs may edit */
    protected static final Path HOME = homeCopy();
    protected static final int KAFKA_PORT = FreePorts.free();
    protected static final int ARTEMIS_PORT = FreePorts.free();
    /** the 12345 platform the livelihood feed pulls from; empty until a test puts orders in */
    protected static final FakeWorkOrderPlatform LIVELIHOOD = FakeWorkOrderPlatform.start();

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void embeddedBrokers(DynamicPropertyRegistry registry) {
        registry.add("casehub.embedded.data-directory", DATA::toString);
        registry.add("casehub.home", HOME::toString);
        registry.add("camel.main.routes-include-pattern", () -> "file:" + HOME.resolve("routes") + "/**/*.camel.yaml");
        registry.add("camel.main.routes-reload-directory", () -> HOME.resolve("routes").toString());
        registry.add("casehub.reload.period", () -> "PT0.2S");
        registry.add("casehub.embedded.kafka.port", () -> KAFKA_PORT);
        registry.add("casehub.embedded.artemis.port", () -> ARTEMIS_PORT);
        registry.add("casehub.publish.relay-period", () -> 50);
        registry.add("casehub.livelihood.base-url", LIVELIHOOD::baseUrl);
        registry.add("casehub.livelihood.api-key", () -> FakeWorkOrderPlatform.API_KEY);
        registry.add("casehub.livelihood.page-size", () -> 3);
        registry.add("casehub.livelihood.poll-period", () -> "PT0.2S");
        registry.add("casehub.livelihood.backoff.initial", () -> "PT0.2S");
        registry.add("casehub.livelihood.backoff.max", () -> "PT1S");
        registry.add("casehub.exchange.poll-period", () -> "PT0.2S");
        registry.add("casehub.access.extra-client-files", () -> "classpath:test-clients.yaml");
        // Boot's test support turns metrics export off; the ITs check that /actuator/prometheus is open
        registry.add("management.prometheus.metrics.export.enabled", () -> true);
        TestDatabase.register(registry);
    }

    /** The headers of a JSON webhook push: the secret the hub generated into its data folder. */
    protected static Map<String, String> webhookHeaders() {
        try {
            return Map.of("X-Webhook-Secret", Files.readString(DATA.resolve("keys").resolve("webhook.secret")).strip(),
                    "Content-Type", "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String bootstrapServers() {
        return "localhost:" + KAFKA_PORT;
    }

    static Path homeCopy() {
        try {
            Path home = Files.createTempDirectory("casehub-it-home-");
            for (String folder : new String[] {"routes", "mappings", "schemas", "config"}) {
                FileSystemUtils.copyRecursively(Path.of(folder), home.resolve(folder));
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path freshDataFolder() {
        try {
            return Files.createTempDirectory("casehub-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
