package org.casehub.ops;

import java.time.Period;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the index keeps its working rows ({@link RetentionPurge}). The event history ({@code case_event}) is
 * permanent and the audit trail has its own retention ({@code casehub.access.audit.retention}); neither is purged here.
 *
 * @param publishedOutbox    outbox rows are deleted this long after they were published (pending rows never are);
 *                           the case API shows a case's tier deliveries for as long. Default {@code P30D}.
 * @param processedIds       idempotency keys are deleted this long after they were applied. A source re-sending a
 *                           version after that still changes nothing: the source record's stored version refuses it
 *                           as stale. Default {@code P90D}.
 * @param settledQuarantine  discarded and replayed quarantine rows (with their sealed bytes) and finished background
 *                           replays are deleted this long after they were settled; open rows never are. Default
 *                           {@code P30D}.
 * @param purgeCron          when the purge runs, a Spring cron expression. Default {@code 0 0 4 * * *} (04:00 daily).
 * @param purgeZone          time zone of {@link #purgeCron()}. Default {@code Asia/Shanghai}.
 */
@ConfigurationProperties("casehub.retention")
public record RetentionProperties(
        @DefaultValue("P30D") Period publishedOutbox,
        @DefaultValue("P90D") Period processedIds,
        @DefaultValue("P30D") Period settledQuarantine,
        @DefaultValue("0 0 4 * * *") String purgeCron,
        @DefaultValue("Asia/Shanghai") ZoneId purgeZone) {

    public RetentionProperties {
        for (Period period : new Period[] {publishedOutbox, processedIds, settledQuarantine}) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("casehub.retention periods must be positive, not " + period);
            }
        }
    }
}
