package org.casehub.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the health of the hub's dependencies (the index database, the exchange database, Artemis) is checked: in the
 * background, so that {@code /actuator/health} answers at once whatever the dependency does ({@link BackgroundHealth}).
 *
 * @param period  how often each dependency is checked
 * @param timeout a check running longer than this says DOWN: the dependency does not answer (well under the 1 s in
 *                which the health endpoints must answer)
 */
@ConfigurationProperties("casehub.health")
public record HealthProperties(
        @DefaultValue("PT1S") Duration period,
        @DefaultValue("PT0.8S") Duration timeout) {
}
