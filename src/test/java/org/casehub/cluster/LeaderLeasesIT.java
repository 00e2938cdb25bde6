package org.casehub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;

/** Two hub instances on one index database, as their leases see each other (H2 and PostgreSQL). */
class LeaderLeasesIT extends HubTestSupport {

    private final String lease = "it:" + UUID.randomUUID();

    private LeaderLeases instance(String name) {
        return new LeaderLeases(jdbc, new LeaseProperties(true, Duration.ofSeconds(1), name + "-" + UUID.randomUUID()));
    }

    @Test
    void twoInstancesNeverHoldALeaseAtOnceAndAnUnrenewedOneIsTakenOver() {
        LeaderLeases first = instance("first");
        LeaderLeases second = instance("second");

        assertThat(first.hold(lease)).isTrue();
        assertThat(second.hold(lease)).isFalse();

        // the first stops renewing (stalled or gone): once the lease expired, the second takes it
        await().atMost(Duration.ofSeconds(10)).until(() -> second.hold(lease));
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.hold(lease));
        assertThat(jdbc.queryForObject("SELECT holder FROM leader_lease WHERE name = ?", String.class, lease))
                .isEqualTo(second.holder());
    }

    @Test
    void theHolderKeepsItsLeaseByRenewingIt() {
        LeaderLeases holder = instance("holder");
        LeaderLeases other = instance("other");
        assertThat(holder.hold(lease)).isTrue();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> holder.hold(lease) && !other.hold(lease));
    }

    @Test
    void aStoppingInstanceGivesItsLeaseBackAtOnce() {
        LeaderLeases stopping = instance("stopping");
        LeaderLeases next = instance("next");
        assertThat(stopping.hold(lease)).isTrue();

        stopping.destroy();

        assertThat(next.hold(lease)).isTrue();
    }

    @Test
    void withLeasesOffEveryInstancePolls() {
        LeaderLeases off = new LeaderLeases(jdbc, new LeaseProperties(false, Duration.ofSeconds(1), "off"));

        assertThat(instance("on").hold(lease)).isTrue();
        assertThat(off.hold(lease)).isTrue();
    }
}
