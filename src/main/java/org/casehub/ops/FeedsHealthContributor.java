package org.casehub.ops;

import java.util.Iterator;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/feeds/<feed>}: DOWN while the feed is failing (its source down, its route being
 * restarted or given up on), WARNING while its share of records stored with a fallback for unmapped codes is above
 * {@code casehub.ops.unmapped.alarm-share}, UP otherwise — stopped, idle and not configured feeds are not failures — with the
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
        return () -> health.snapshot().feed(id).map(f -> (!f.up() ? Health.down() : f.unmapped().alarm()
                                ? Health.status(new Status(ArtemisStorageHealth.WARNING, "many records stored with a fallback"
                                        + " for unmapped codes")) : Health.up())
                        .withDetail("state", f.state())
                        .withDetail("reason", f.reason())
                        .withDetail("lastRecordAt", f.lastRecordAt() == null ? "none since start" : f.lastRecordAt())
                        .withDetail("silenceAlarm", f.silence().alarm())
                        .withDetail("unmapped", f.unmapped())
                        .build())
                .orElse(Health.unknown().build());
    }
}
