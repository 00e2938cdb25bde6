package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.casehub.CasehubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * What a test hub runs with: its data folder, a copy of the home folder, free ports, quick polls, the test
 * clients, and the index database of {@link TestDatabase}. The cached context of {@link HubTestSupport} is
 * one such hub; an IT that restarts the hub starts its own, one after the other on the same data folder.
 */
public final class HubInstances {

    private HubInstances() {
    }

    /**
     * @param database the index database's properties ({@link TestDatabase#properties()}): empty on H2, where the
     *                 data folder holds the index; on PostgreSQL the same schema for every start of one hub
     */
    public static Map<String, Object> properties(Path data, Path home, int kafkaPort, int artemisPort,
                                                 String livelihoodBaseUrl, Map<String, Object> database) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("casehub.embedded.data-directory", data.toString());
        // any free HTTP port: a hub started outside Spring's test support would otherwise take 8080
        properties.put("server.port", 0);
        properties.put("casehub.home", home.toString());
        properties.put("camel.main.routes-include-pattern", "file:" + home.resolve("routes") + "/**/*.camel.yaml");
        properties.put("camel.main.routes-reload-directory", home.resolve("routes").toString());
        properties.put("casehub.reload.period", "PT0.2S");
        properties.put("casehub.embedded.kafka.port", kafkaPort);
        properties.put("casehub.embedded.artemis.port", artemisPort);
        properties.put("casehub.publish.relay-period", 50);
        properties.put("casehub.livelihood.base-url", livelihoodBaseUrl);
        properties.put("casehub.livelihood.api-key", FakeWorkOrderPlatform.API_KEY);
        properties.put("casehub.livelihood.page-size", 3);
        properties.put("casehub.livelihood.poll-period", "PT0.2S");
        properties.put("casehub.livelihood.backoff.initial", "PT0.2S");
        properties.put("casehub.livelihood.backoff.max", "PT1S");
        properties.put("casehub.exchange.poll-period", "PT0.2S");
        // a lease taken from the hub is noticed within a second (a third of it)
        properties.put("casehub.leases.duration", "PT3S");
        properties.put("casehub.access.extra-client-files", "classpath:test-clients.yaml");
        // no reminders from the hub's own scheduler: they would add messages to the unit addresses other ITs count;
        // DeadlineRemindersIT runs reminder rounds itself, on its own cases
        properties.put("casehub.deadlines.reminders", false);
        // the ITs file one grievance as many people (other ids, the same text and place): by issue 22's rule, five of
        // them make a group matter, escalated and flagged on its cases; SteeringIT tests that on a hub of its own
        properties.put("casehub.steering.related-group-threshold", 1_000_000);
        // Boot's test support turns metrics export off; the ITs check that /actuator/prometheus is open
        properties.put("management.prometheus.metrics.export.enabled", true);
        properties.putAll(database);
        return properties;
    }

    /** The index database of a new hub: see {@link TestDatabase}; pass the same map to every start of that hub. */
    public static Map<String, Object> database() {
        return TestDatabase.properties();
    }

    /** A whole hub on these properties (given as command-line arguments, so that they win over application.yaml). */
    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(CasehubApplication.class).run(args);
    }

    /** The headers of a JSON webhook push to the hub of this data folder: the secret it generated there. */
    public static Map<String, String> webhookHeaders(Path data) {
        try {
            return Map.of("X-Webhook-Secret", Files.readString(data.resolve("keys").resolve("webhook.secret")).strip(),
                    "Content-Type", "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path freshDataFolder() {
        return TempFolders.create("casehub-it-");
    }

    /** A copy of the project's routes/, mappings/, schemas/ and config/, which ITs may edit. */
    public static Path homeCopy() {
        try {
            Path home = TempFolders.create("casehub-it-home-");
            for (String folder : new String[] {"routes", "mappings", "schemas", "config"}) {
                FileSystemUtils.copyRecursively(Path.of(folder), home.resolve(folder));
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
