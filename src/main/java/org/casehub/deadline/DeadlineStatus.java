package org.casehub.deadline;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.casehub.core.BeijingTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The statutory clock as the status page shows it: whether the working-day calendar still covers the coming limits
 * (a limit past its last year is counted in calendar days and flagged, so next year's file must be added before).
 */
@Component
public class DeadlineStatus {

    /** units the status page lists, most overdue first */
    private static final int UNITS_SHOWN = 20;

    private final WorkingCalendar calendar;
    private final DeadlineProperties properties;
    private final DeadlineCounts counts;
    private final Clock clock;

    @Autowired
    public DeadlineStatus(WorkingCalendar calendar, DeadlineProperties properties, DeadlineCounts counts) {
        this(calendar, properties, counts, Clock.systemUTC());
    }

    DeadlineStatus(WorkingCalendar calendar, DeadlineProperties properties, DeadlineCounts counts, Clock clock) {
        this.calendar = calendar;
        this.properties = properties;
        this.counts = counts;
        this.clock = clock;
    }

    /**
     * The section of status.json: {@code calendar} with its last year and a warning when it ends soon; per responsible
     * unit its running deadlines overdue and due soon (the most overdue units first), with the totals.
     */
    public Map<String, Object> summary() {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("calendar", calendar());
        section.put("dueSoon", properties.dueSoon().toString());
        DeadlineCounts.Reading reading = counts == null ? null : counts.last();
        section.put("available", reading != null);
        if (reading != null) {
            section.put("countedAt", reading.at().toString());
            section.put("overdue", reading.units().stream().mapToLong(DeadlineRepository.UnitCount::overdue).sum());
            section.put("dueSoonCount", reading.units().stream().mapToLong(DeadlineRepository.UnitCount::dueSoon).sum());
            section.put("units", reading.units().stream()
                    .sorted(Comparator.comparingLong(DeadlineRepository.UnitCount::overdue)
                            .thenComparingLong(DeadlineRepository.UnitCount::dueSoon).reversed())
                    .limit(UNITS_SHOWN).toList());
        }
        return section;
    }

    /** The calendar's last known year, and a warning (null when none) once it ends within the warning period. */
    Map<String, Object> calendar() {
        LocalDate today = LocalDate.now(clock.withZone(BeijingTime.ZONE));
        OptionalInt last = calendar.lastKnownYear();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("lastKnownYear", last.isPresent() ? last.getAsInt() : null);
        String warning = null;
        if (last.isEmpty() || today.plusDays(properties.calendarWarning().toDays()).getYear() > last.getAsInt()) {
            warning = (last.isEmpty() ? "the working-day calendar holds no year"
                    : "the working-day calendar ends on " + last.getAsInt() + "-12-31")
                    + ": add next year's holidays (config/calendar/, casehub.deadlines.calendar-files) once the State"
                    + " Council publishes them; limits in working days that reach past it are counted in calendar days"
                    + " and flagged calendar-only";
        }
        view.put("warning", warning);
        return view;
    }
}
