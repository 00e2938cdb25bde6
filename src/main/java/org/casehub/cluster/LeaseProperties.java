package org.casehub.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Leader leases of the pollers and relays, for several hub instances on one database (see {@link LeaderLeases}).
 *
 * @param enabled  false: every instance polls (one instance only, or pollers split by configuration)
 * @param duration how long a lease lasts without renewal: after a crash, another instance takes over within it;
 *                 the holder renews it once a third of it has passed
 * @param holder   this instance's name in the lease table; blank: host name, process id and a random suffix
 */
@ConfigurationProperties("casehub.leases")
public record LeaseProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("PT30S") Duration duration,
        @DefaultValue("") String holder) {
}
