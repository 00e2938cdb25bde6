package org.casehub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.FileSystemResource;

/**
 * Stopping the hub lets in-flight records finish: the web server drains, then Camel waits for its in-flight
 * exchanges within Spring's time for its lifecycle phase, and H2 stays open until Spring has closed its pool.
 */
class ShutdownSettingsTest {

    private final Properties embedded = load("config/application.yaml");
    private final Properties production = load("config/application-production.yaml");

    @Test
    void camelsShutdownTimeoutEndsWithinSpringsTimeForItsPhase() {
        Duration camel = Duration.ofSeconds(Long.parseLong(embedded.getProperty("camel.main.shutdown-timeout")));
        Duration spring = DurationStyle.detectAndParse(embedded.getProperty("spring.lifecycle.timeout-per-shutdown-phase"));

        assertThat(camel).isLessThan(spring);
        assertThat(embedded.getProperty("server.shutdown")).isEqualTo("graceful");
        for (String key : new String[] {"camel.main.shutdown-timeout", "spring.lifecycle.timeout-per-shutdown-phase", "server.shutdown"}) {
            assertThat(production.getProperty(key)).as(key + " overridden in production").isNull();
        }
    }

    @Test
    void theEmbeddedDatabasesAreNotClosedByH2sOwnShutdownHookUnderTheInFlightRecords() {
        assertThat(embedded.getProperty("spring.datasource.url")).contains(";DB_CLOSE_ON_EXIT=FALSE");
        assertThat(embedded.getProperty("casehub.exchange.url")).contains(";DB_CLOSE_ON_EXIT=FALSE");
    }

    private static Properties load(String file) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource(file));
        return yaml.getObject();
    }
}
