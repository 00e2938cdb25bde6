package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casehub.CasehubApplication;
import org.casehub.embedded.FreePorts;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub of its own, for tests that stop and start it: every start runs on the same data folder (H2 files, the
 * embedded Kafka's log and offsets, Artemis' journal, keys), home folder and database — what a restarted hub finds.
 */
public final class StandaloneHub {

    private final Path data;
    private final Map<String, String> properties = new LinkedHashMap<>();

    public StandaloneHub() {
        try {
            data = Files.createTempDirectory("casehub-standalone-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path home = HubTestSupport.homeCopy();
        properties.put("casehub.embedded.data-directory", data.toString());
        properties.put("casehub.home", home.toString());
        properties.put("camel.main.routes-include-pattern", "file:" + home.resolve("routes") + "/**/*.camel.yaml");
        properties.put("camel.main.routes-reload-directory", home.resolve("routes").toString());
        properties.put("casehub.embedded.kafka.port", String.valueOf(FreePorts.free()));
        properties.put("casehub.embedded.artemis.port", String.valueOf(FreePorts.free()));
        properties.put("casehub.publish.relay-period", "50");
        properties.put("casehub.exchange.poll-period", "PT0.2S");
        properties.putAll(TestDatabase.properties());
    }

    public String bootstrapServers() {
        return "localhost:" + properties.get("casehub.embedded.kafka.port");
    }

    /** Starts the hub (on a fresh HTTP port); the caller closes it. */
    public ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=" + FreePorts.free());
        return SpringApplication.run(CasehubApplication.class, args.toArray(String[]::new));
    }
}
