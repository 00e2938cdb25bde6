package org.casehub.support;

import java.nio.file.Path;
import java.util.Map;

import org.casehub.CasehubApplication;
import org.casehub.embedded.FreePorts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub on its embedded brokers and H2, once for every IT that extends this class (one cached
 * Spring context): free ports, a fresh data folder and a copy of the home folder, so tests neither clash, nor
 * see old data, nor edit the project's own routes and mappings.
 */
@SpringBootTest(classes = CasehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HubTestSupport {

    protected static final Path DATA = HubInstances.freshDataFolder();
    /** the hub's home folder: a copy of the project's routes/, mappings/, schemas/ and config/, which ITs may edit */
    protected static final Path HOME = HubInstances.homeCopy();
    protected static final int KAFKA_PORT = FreePorts.free();
    protected static final int ARTEMIS_PORT = FreePorts.free();
    /** the 12345 platform the livelihood feed pulls from; empty until a test puts orders in */
    protected static final FakeWorkOrderPlatform LIVELIHOOD = FakeWorkOrderPlatform.start();

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void embeddedBrokers(DynamicPropertyRegistry registry) {
        HubInstances.properties(DATA, HOME, KAFKA_PORT, ARTEMIS_PORT, LIVELIHOOD.baseUrl(), TestDatabase.properties())
                .forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The headers of a JSON webhook push: the secret the hub generated into its data folder. */
    protected static Map<String, String> webhookHeaders() {
        return HubInstances.webhookHeaders(DATA);
    }

    protected static String bootstrapServers() {
        return "localhost:" + KAFKA_PORT;
    }
}
