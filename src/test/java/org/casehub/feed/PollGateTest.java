package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.casehub.cluster.LeaderLeases;
import org.casehub.cluster.LeaseProperties;
import org.junit.jupiter.api.Test;

class PollGateTest {

    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SourceHealth sources = new SourceHealth();
    /** leases off: this instance always polls */
    private final LeaderLeases leases = new LeaderLeases(null, new LeaseProperties(false, Duration.ofSeconds(30), "test"));
    private final PullBackoff backoff = new PullBackoff(Duration.ofSeconds(5), 2, Duration.ofMinutes(1), Duration.ofMinutes(1), clock);
    private final PollGate gate = new PollGate("some-feed", "SOME_URL", sources, leases, "feed:some-feed", backoff, clock);

    @Test
    void anUnconfiguredSourceIsNeverPolledAndItsFeedSaysSo() {
        assertThat(gate.open(null, false, true, Instant.MIN)).isFalse();
        assertThat(sources.state("some-feed")).hasValueSatisfying(s -> assertThat(s.configured()).isFalse());
    }

    @Test
    void aConfiguredSourceIsPolledMidCycleOrOnceThePeriodIsOver() {
        assertThat(gate.open(null, true, false, NOW.plusSeconds(1))).as("period not over").isFalse();
        assertThat(gate.open(null, true, true, NOW.plusSeconds(1))).as("more waits").isTrue();
        assertThat(gate.open(null, true, false, NOW)).as("period over").isTrue();
    }

    @Test
    void aFailingSourceIsNotPolledAgainBeforeItsBackOffEndsEvenMidCycle() {
        backoff.failed();
        assertThat(gate.open(null, true, true, Instant.MIN)).isFalse();
    }
}
