package org.casehub.ops;

import java.util.Iterator;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/feeds/<feed>}: DOWN while the feed is failing (its source down, its route being
 * restarted or given up on), UP otherwise — stopped, idle and not configured feeds are not failures — with the
 * state, reason, last record and silence alarm as details. Part of the whole health, not of the readiness
 * group: one source down must not take the hub and its APIs out of service.
 */
@Component("feeds")
public class FeedsHealthContributor implements CompositeHealthContributor {

    private final FeedHealth health;

    public FeedsHealthContributor(FeedHealth health) {
        this.health = health;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return health.snapshot().feed(name).isPresent() ? indicator(name) : null;
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return health.snapshot().feeds().stream()
                .map(f -> NamedContributor.<HealthContributor>of(f.id(), indicator(f.id())))
                .iterator();
    }

    private HealthIndicator indicator(String id) {
        return () -> health.snapshot().feed(id).map(f -> (f.up() ? Health.up() : Health.down())
                        .withDetail("state", f.state())
                        .withDetail("reason", f.reason())
                        .withDetail("lastRecordAt", f.lastRecordAt() == null ? "none since start" : f.lastRecordAt())
                        .withDetail("silenceAlarm", f.silence().alarm())
                        .build())
                .orElse(Health.unknown().build());
    }
}
