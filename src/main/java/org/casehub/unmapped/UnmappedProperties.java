package org.casehub.unmapped;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When records stored with a fallback for an unmapped classification code become an alarm.
 *
 * @param window           how far back a feed's share of records stored with a fallback counts (whole hours; GET
 *                         /api/feeds, the status page, casehub_feed_unmapped_*)
 * @param alarmShare       the share (0 to 1) of a feed's records stored within the window with a fallback above which
 *                         its health warns and the alarm is raised: the source's taxonomy has outgrown its code list
 * @param alarmMinRecords  the fewest records stored within the window before the share can raise the alarm
 */
@ConfigurationProperties("casehub.ops.unmapped")
public record UnmappedProperties(
        @DefaultValue("PT24H") Duration window,
        @DefaultValue("0.2") double alarmShare,
        @DefaultValue("20") long alarmMinRecords) {

    public UnmappedProperties {
        if (alarmShare < 0 || alarmShare > 1 || window.toHours() < 1) {
            throw new IllegalArgumentException("casehub.ops.unmapped.alarm-share must be 0 to 1 and window at least PT1H");
        }
    }
}
