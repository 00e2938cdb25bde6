package org.casehub.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health check of a dependency (a database, a broker) run in the background every {@code period}, answered at once
 * from its last result with its age: DOWN when the check now running has taken longer than {@code timeout} (the
 * dependency does not answer: a pool waiting 30 s for a connection, a broker that hangs), never a request that hangs.
 */
public class BackgroundHealth implements HealthIndicator, DisposableBean {

    private final String dependency;
    private final Duration timeout;
    private final Clock clock;
    private final Refreshed<Health> checks;

    public BackgroundHealth(String dependency, HealthIndicator check, Duration period, Duration timeout) {
        this(dependency, check, period, timeout, Clock.systemUTC());
    }

    BackgroundHealth(String dependency, HealthIndicator check, Duration period, Duration timeout, Clock clock) {
        this.dependency = dependency;
        this.timeout = timeout;
        this.clock = clock;
        this.checks = new Refreshed<>(dependency + "-health", () -> check.health(), period, clock);
    }

    @Override
    public Health health() {
        Optional<Duration> running = checks.stuckFor();
        if (running.isPresent() && running.get().compareTo(timeout) > 0) {
            return Health.down().withDetail("error", dependency + " did not answer within " + timeout.toMillis()
                    + " ms (asked " + running.get().toMillis() + " ms ago)").build();
        }
        return checks.last(timeout).map(reading -> Health.status(reading.value().getStatus())
                        .withDetails(reading.value().getDetails())
                        .withDetail("checkedAt", reading.at().toString())
                        .withDetail("ageMillis", Duration.between(reading.at(), clock.instant()).toMillis())
                        .build())
                .orElseGet(() -> Health.unknown().withDetail("error", dependency + " not checked yet").build());
    }

    @Override
    public void destroy() {
        checks.close();
    }
}
