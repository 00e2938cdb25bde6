package org.casehub.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a pulling feed may ask its source again: at once after a success, after the source's
 * {@code Retry-After} when it said it is polled too fast, and after an exponentially growing pause
 * (capped) while it fails. The puller never sleeps: it asks {@link #ready()} on every tick.
 */
public final class PullBackoff {

    private final Duration initial;
    private final double multiplier;
    private final Duration max;
    private final Duration maxRetryAfter;
    private final Clock clock;
    private int failures;
    private Instant readyAt = Instant.MIN;

    public PullBackoff(Duration initial, double multiplier, Duration max, Duration maxRetryAfter, Clock clock) {
        this.initial = initial;
        this.multiplier = multiplier;
        this.max = max;
        this.maxRetryAfter = maxRetryAfter;
        this.clock = clock;
    }

    public boolean ready() {
        return !clock.instant().isBefore(readyAt);
    }

    public void succeeded() {
        failures = 0;
    }

    /** A 5xx, a timeout or an unreachable source: the pause doubles (by default) up to the cap. */
    public Duration failed() {
        failures++;
        double millis = initial.toMillis() * Math.pow(multiplier, failures - 1);
        Duration pause = millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
        readyAt = clock.instant().plus(pause);
        return pause;
    }

    /** A 429: the source's Retry-After when it gave a usable one (capped), else as a failure. */
    public Duration rateLimited(Optional<Duration> retryAfter) {
        if (retryAfter.isEmpty()) {
            return failed();
        }
        Duration pause = retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
        readyAt = clock.instant().plus(pause);
        return pause;
    }

    /** RFC 9110 Retry-After: delay-seconds or an HTTP-date; a date in the past means now. */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
