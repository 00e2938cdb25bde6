package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PullBackoffTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T02:00:00Z");

        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }

        void advance(Duration d) { now = now.plus(d); }
    }

    private final ManualClock clock = new ManualClock();
    private final PullBackoff backoff = new PullBackoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(30),
            Duration.ofMinutes(5), clock);

    @Test
    void failuresDoubleThePauseUpToTheCap() {
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void notReadyUntilThePauseIsOver() {
        assertThat(backoff.ready()).isTrue();
        backoff.failed();
        backoff.failed();
        assertThat(backoff.ready()).isFalse();
        clock.advance(Duration.ofMillis(1999));
        assertThat(backoff.ready()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(backoff.ready()).isTrue();
    }

    @Test
    void aSuccessStartsTheScheduleAgain() {
        backoff.failed();
        backoff.failed();
        backoff.succeeded();

        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterIsHonouredAsGivenButCapped() {
        assertThat(backoff.rateLimited(Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
        clock.advance(Duration.ofSeconds(6));
        assertThat(backoff.ready()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(backoff.ready()).isTrue();
        assertThat(backoff.rateLimited(Optional.of(Duration.ofDays(11)))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRateLimitWithoutRetryAfterBacksOffLikeAFailure() {
        assertThat(backoff.rateLimited(Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.rateLimited(Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-11-25T02:00:00Z");

        assertThat(PullBackoff.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(PullBackoff.parseRetryAfter("Wed, 25 Nov 2026 02:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(PullBackoff.parseRetryAfter("Wed, 25 Nov 2026 01:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(PullBackoff.parseRetryAfter("soon", now)).isEmpty();
        assertThat(PullBackoff.parseRetryAfter(null, now)).isEmpty();
    }
}
