package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void theLastMinuteCountsOnlyTheLastSixtySecondsAndTheTotalEverything() {
        Throughput t = new Throughput();
        t.add(T0, 5);
        t.add(T0.plusSeconds(30), 3);
        t.add(T0.plusSeconds(75), 2);

        assertThat(t.lastMinute(T0.plusSeconds(75))).isEqualTo(5);
        assertThat(t.lastMinute(T0.plusSeconds(59))).isEqualTo(8);
        assertThat(t.total()).isEqualTo(10);
    }

    @Test
    void perMinuteGivesThirtyMinutesOldestFirstAndForgetsOlderSlotsReused() {
        Throughput t = new Throughput();
        t.add(T0, 4);
        t.add(T0.plusSeconds(29 * 60), 7);

        List<Long> minutes = t.perMinute(T0.plusSeconds(29 * 60));
        assertThat(minutes).hasSize(30);
        assertThat(minutes.get(29)).isEqualTo(7);
        assertThat(minutes.get(0)).isEqualTo(4);

        // an hour later the slots of T0 are reused: nothing of it remains in the window
        t.add(T0.plusSeconds(3600), 1);
        assertThat(t.perMinute(T0.plusSeconds(3600))).containsOnly(0L, 1L).endsWith(1L);
        assertThat(t.lastMinute(T0.plusSeconds(3600))).isEqualTo(1);
    }
}
