package org.casehub.ops;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/artemisStorage}: whether the Artemis broker can go on taking the units' messages. UP;
 * {@value #WARNING} once its disk is within {@code casehub.ops.broker-disk-warning-margin} of max-disk-usage (still
 * answered 200); DOWN at or past it, when the broker blocks every producer and unit delivery stalls; UNKNOWN when
 * the broker does not tell. Part of the whole health, not of the readiness group: the index and its APIs serve on.
 */
@Component("artemisStorage")
public class ArtemisStorageHealth implements HealthIndicator {

    /** a status of its own, ordered between OUT_OF_SERVICE and UP (management.endpoint.health.status.order) */
    public static final String WARNING = "WARNING";

    private final FeedHealth health;

    public ArtemisStorageHealth(FeedHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        BrokerStorage.Storage storage = health.snapshot().broker();
        Health.Builder builder = switch (storage.state()) {
            case BrokerStorage.OK -> Health.up();
            case BrokerStorage.WARNING -> Health.status(new Status(WARNING, "the broker's disk nears its max-disk-usage"));
            case BrokerStorage.FULL -> Health.down();
            default -> Health.unknown();
        };
        // a figure the broker did not give is "unknown": Boot refuses a null detail, and the whole health answered 500
        builder.withDetail("broker", storage.embedded() ? "embedded" : "external")
                .withDetail("diskUsedPercent", known(storage.diskUsedPercent()))
                .withDetail("maxDiskUsagePercent", known(storage.maxDiskUsage()))
                .withDetail("warnAtPercent", known(storage.warnAtPercent()))
                .withDetail("addressMemoryBytes", known(storage.addressMemory()))
                .withDetail("pagingUnits", storage.pagingUnits() == null ? "not known (external broker)" : storage.pagingUnits());
        if (storage.error() != null) {
            builder.withDetail("error", storage.error());
        }
        return builder.build();
    }

    private static Object known(Object figure) {
        return figure == null ? "unknown" : figure;
    }
}
