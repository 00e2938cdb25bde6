package org.casehub.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How feed health is judged and shown (GET /api/feeds, the status page, the feeds health group, the gauges).
 *
 * @param flowingWindow  a feed that received a record this recently is "flowing", else "idle"
 * @param refresh        how long a computed status is reused (lags and counts are read from brokers and databases)
 * @param deliveryWindow the status page's deliveries per tier count what was delivered this far back
 * @param outboxAlarm    outbox rows waiting to be published that raise the backlog alarm
 * @param unitQueueAlarm undelivered messages in one unit's Artemis queue that raise the alarm
 * @param lagTimeout     longest wait for a broker's answer about a consumer lag or queue depths
 * @param gaugePeriod    how often the casehub.feed.* gauges are computed between scrapes (and feeds added since
 *                       get theirs)
 * @param brokerDiskWarningMargin percentage points below the Artemis broker's max-disk-usage (where it blocks every
 *                       producer, stalling unit delivery) from which the artemisStorage health warns and the alarm
 *                       is raised
 * @param stuckAfter     a feed with input waiting (a consumer lag, rows waiting, a batch failing) and no batch
 *                       stored for this long is "stuck": DOWN, with the error, and the casehub.feed.stuck alarm
 * @param brokerRefresh  how long an answer of an external Artemis' management (the units' queue depths, the disk) is
 *                       reused: to answer, the broker renders every unit queue (~900) as JSON, which asked at every
 *                       {@code refresh} was about a seventh of the broker's CPU under load (issue 18); zero: ask every
 *                       time.
 *                       The embedded broker is read in-process, always current
 */
@ConfigurationProperties("casehub.ops")
public record OpsProperties(
        @DefaultValue("PT5M") Duration flowingWindow,
        @DefaultValue("PT2S") Duration refresh,
        @DefaultValue("PT24H") Duration deliveryWindow,
        @DefaultValue("10000") long outboxAlarm,
        @DefaultValue("10000") long unitQueueAlarm,
        @DefaultValue("PT2S") Duration lagTimeout,
        @DefaultValue("PT15S") Duration gaugePeriod,
        @DefaultValue("10") int brokerDiskWarningMargin,
        @DefaultValue("PT5M") Duration stuckAfter,
        @DefaultValue("PT30S") Duration brokerRefresh) {
}
