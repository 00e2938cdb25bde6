package org.casehub.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.casehub.security.Masking;
import org.springframework.stereotype.Component;

/**
 * Whether each polled feed's source answers, as its poller last saw it. A poller that catches its source's failures
 * (to back off rather than fail the route) reports them here, so that the feed's health shows DOWN while it retries.
 * Feeds whose route fails on its own (a Kafka consumer) are judged by Camel's health checks instead.
 */
@Component("sourceHealth")
public class SourceHealth {

    /**
     * @param lastSuccess when the source last answered
     * @param lastFailure when it last failed
     * @param error       what the last failure said (masked)
     * @param failures    failures since the last success
     * @param configured  false while the source is not configured (no URL)
     */
    public record State(Instant lastSuccess, Instant lastFailure, String error, int failures, boolean configured) {

        /** Failing: its last attempt failed. */
        public boolean failing() {
            return failures > 0;
        }
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    public SourceHealth() {
        this(Clock.systemUTC());
    }

    SourceHealth(Clock clock) {
        this.clock = clock;
    }

    public void succeeded(String feed) {
        states.compute(feed, (f, s) -> new State(clock.instant(), s == null ? null : s.lastFailure(), null, 0, true));
    }

    public void failed(String feed, String error) {
        states.compute(feed, (f, s) -> new State(s == null ? null : s.lastSuccess(), clock.instant(),
                error == null ? null : Masking.scrub(error), s == null ? 1 : s.failures() + 1, true));
    }

    public void notConfigured(String feed) {
        states.put(feed, new State(null, null, null, 0, false));
    }

    public Optional<State> state(String feed) {
        return Optional.ofNullable(states.get(feed));
    }
}
