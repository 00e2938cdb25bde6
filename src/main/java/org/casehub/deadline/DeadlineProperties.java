package org.casehub.deadline;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The statutory clock (issue 21; README "Deadlines").
 *
 * @param calendarFiles   the working-day calendar, files relative to the home folder ({@code date,kind,name}); add
 *                        next year's file here when the State Council publishes it
 * @param calendarWarning the status page warns this long before the calendar's last known day that next year's
 *                        file is missing
 * @param rulesFile       the limits per feed, relative to the home folder
 * @param yellowShare     share of a limit (0 to 1) after which the yellow reminder goes out
 * @param dueSoon         a running deadline due within this is "due soon" (status page, metrics)
 * @param reminderPeriod  how often the leader looks for reminders to send
 * @param countsPeriod    how often the per-unit counts (status page, gauges) are read from the index
 * @param reminders       false: this instance never sends reminders (the deadlines are still computed and shown)
 */
@ConfigurationProperties("casehub.deadlines")
public record DeadlineProperties(
        @DefaultValue("config/calendar/cn-2025-2026.csv") List<String> calendarFiles,
        @DefaultValue("P60D") Duration calendarWarning,
        @DefaultValue("config/deadlines.yaml") String rulesFile,
        @DefaultValue("0.8") double yellowShare,
        @DefaultValue("P2D") Duration dueSoon,
        @DefaultValue("PT30S") Duration reminderPeriod,
        @DefaultValue("PT30S") Duration countsPeriod,
        @DefaultValue("true") boolean reminders) {

    public DeadlineProperties {
        if (yellowShare <= 0 || yellowShare >= 1) {
            throw new IllegalArgumentException("casehub.deadlines.yellow-share must lie between 0 and 1, not " + yellowShare);
        }
    }
}
