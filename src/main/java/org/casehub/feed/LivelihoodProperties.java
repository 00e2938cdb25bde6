package org.casehub.feed;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The 12345 platform's work-order API that the livelihood feed pulls (contracts §2).
 *
 * @param baseUrl           the platform's base URL, {@code …/api/v1/workorders} is appended; blank: not
 *                          configured (with the simulator on, the hub's own simulated platform)
 * @param apiKey            sent as {@code X-Api-Key}
 * @param pageSize          orders per page, 1–500 as the API allows
 * @param pollPeriod        pause between two pulls once the feed has caught up
 * @param connectTimeout    for connecting to the platform
 * @param requestTimeout    for one page; a timeout counts as a failure and backs off
 * @param firstUpdatedSince where the very first pull starts, before any watermark is stored (Beijing time)
 * @param backoff           pauses after failures and 429s
 * @param rereadOverlap     how far before the watermark's second each pull asks again (whole seconds): an order
 *                          written with an earlier updateTime after the hub read that time is still found
 * @param maxPageBytes      largest page read: a longer one is not read further, the pull backs off and the feed's
 *                          health says why (the page is read order by order as it arrives, and of an order longer
 *                          than casehub.limits.max-record-bytes only its first bytes are kept, quarantined alone)
 */
@ConfigurationProperties("casehub.livelihood")
public record LivelihoodProperties(
        String baseUrl,
        String apiKey,
        @DefaultValue("100") int pageSize,
        @DefaultValue("PT30S") Duration pollPeriod,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT30S") Duration requestTimeout,
        @DefaultValue("1970-01-01 00:00:00") String firstUpdatedSince,
        @DefaultValue Backoff backoff,
        @DefaultValue("PT1S") Duration rereadOverlap,
        @DefaultValue("32MB") DataSize maxPageBytes) {

    public LivelihoodProperties {
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("casehub.livelihood.page-size must be 1–500, the API's limits: " + pageSize);
        }
        if (rereadOverlap.isNegative() || rereadOverlap.getNano() != 0) {
            throw new IllegalArgumentException("casehub.livelihood.reread-overlap must be whole seconds, 0 or more: " + rereadOverlap);
        }
    }

    /**
     * @param initial       first pause after a failure (5xx, timeout, unreachable)
     * @param multiplier    growth of the pause with every further failure
     * @param max           longest pause after failures
     * @param maxRetryAfter longest pause a 429's Retry-After may impose
     */
    public record Backoff(
            @DefaultValue("PT1S") Duration initial,
            @DefaultValue("2") double multiplier,
            @DefaultValue("PT5M") Duration max,
            @DefaultValue("PT15M") Duration maxRetryAfter) {
    }
}
