package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StuckFeedsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T03:00:00Z");
    private final StuckFeeds stuck = new StuckFeeds(Duration.ofMinutes(5));

    private static FeedActivity.Failure failing(Instant since, String error) {
        return new FeedActivity.Failure(since, since, error, 1);
    }

    @Test
    void aFeedWhoseBatchKeepsFailingIsStuckOnceNothingWasStoredForTheConfiguredTimeWithTheError() {
        FeedActivity.Failure failure = failing(T0, "DataAccessResourceFailureException: Connection refused");

        assertThat(stuck.judge("livelihood", false, Optional.empty(), Optional.of(failure), T0)).isEmpty();
        assertThat(stuck.judge("livelihood", false, Optional.empty(), Optional.of(failure), T0.plusSeconds(299))).isEmpty();
        assertThat(stuck.judge("livelihood", false, Optional.empty(), Optional.of(failure), T0.plusSeconds(301)))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("no batch stored for 5 min while input waits")
                        .contains("DataAccessResourceFailureException: Connection refused"));
    }

    @Test
    void inputWaitingWithoutProgressIsStuckButProgressMeanwhileIsNot() {
        assertThat(stuck.judge("public-safety", true, Optional.of(T0.minusSeconds(3600)), Optional.empty(), T0)).isEmpty();
        // stored meanwhile: waiting is normal for a busy feed
        assertThat(stuck.judge("public-safety", true, Optional.of(T0.plusSeconds(200)), Optional.empty(), T0.plusSeconds(400)))
                .isEmpty();
        assertThat(stuck.judge("public-safety", true, Optional.of(T0.plusSeconds(200)), Optional.empty(), T0.plusSeconds(501)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no batch stored for 5 min while input waits"));
    }

    @Test
    void aFeedWithNothingWaitingIsNeverStuckAndWaitingAgainStartsAfresh() {
        assertThat(stuck.judge("provincial-petition", true, Optional.empty(), Optional.empty(), T0)).isEmpty();
        assertThat(stuck.judge("provincial-petition", false, Optional.empty(), Optional.empty(), T0.plusSeconds(600))).isEmpty();
        assertThat(stuck.judge("provincial-petition", true, Optional.empty(), Optional.empty(), T0.plusSeconds(700))).isEmpty();
        assertThat(stuck.judge("provincial-petition", true, Optional.empty(), Optional.empty(), T0.plusSeconds(1001))).isPresent();
    }
}
