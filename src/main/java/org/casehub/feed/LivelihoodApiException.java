package org.casehub.feed;

import java.time.Duration;
import java.util.Optional;

/**
 * The 12345 platform did not answer a page: rate limited (429), failing (5xx, timeout), refusing us, or sending a
 * page larger than casehub.livelihood.max-page-bytes.
 */
public class LivelihoodApiException extends RuntimeException {

    public enum Kind { RATE_LIMITED, UNAVAILABLE, REFUSED, TOO_LARGE }

    private final Kind kind;
    private final transient Optional<Duration> retryAfter;

    public LivelihoodApiException(Kind kind, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() { return kind; }
    public Optional<Duration> retryAfter() { return retryAfter; }
}
