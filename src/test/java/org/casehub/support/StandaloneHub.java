package org.casehub.support;

import java.util.Map;

import org.casehub.embedded.FreePorts;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub of its own, for tests that stop and start it: every start runs on the same data folder (H2 files, the
 * embedded Kafka's log and offsets, Artemis' journal, keys), home folder and database — what a restarted hub finds.
 * The 12345 feed is left unconfigured.
 */
public final class StandaloneHub {

    private final int kafkaPort = FreePorts.free();
    private final Map<String, Object> properties = HubInstances.properties(HubInstances.freshDataFolder(),
            HubInstances.homeCopy(), kafkaPort, FreePorts.free(), "", HubInstances.database());

    /** Sets a property of every start from now on. */
    public StandaloneHub with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /** Starts the hub; the caller closes it. */
    public ConfigurableApplicationContext start() {
        return HubInstances.start(properties);
    }
}
