package org.casehub.ops;

import org.casehub.dedup.DedupRepository;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/dedupWarmup}: DOWN while the dedup profile warm-up of this start failed (decisions then read
 * every candidate as they need it, and the failure may be a case no decision can read). Like the feeds, part of the
 * whole health and not of readiness.
 */
@Component("dedupWarmup")
public class DedupWarmupHealth implements HealthIndicator {

    private final DedupRepository dedup;

    public DedupWarmupHealth(DedupRepository dedup) {
        this.dedup = dedup;
    }

    @Override
    public Health health() {
        return dedup.warmUpFailure().map(error -> Health.down().withDetail("error", error).build())
                .orElse(Health.up().build());
    }
}
