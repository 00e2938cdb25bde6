package org.casehub.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class QuarantinePropertiesTest {

    private static QuarantineProperties replays(Duration heartbeat, Duration staleAfter) {
        return new QuarantineProperties(50, 500, 100, 65536, List.of("name"), List.of("mobile"), heartbeat, staleAfter);
    }

    @Test
    void aReplayIsTakenForLeftOnlyAfterSeveralMissedHeartbeats() {
        assertThat(replays(Duration.ofSeconds(10), Duration.ofSeconds(30)).replayStaleAfter()).hasSeconds(30);
        assertThatThrownBy(() -> replays(Duration.ofSeconds(10), Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replay-stale-after");
        assertThatThrownBy(() -> replays(Duration.ZERO, Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replay-heartbeat must be positive");
    }
}
