package org.casehub.deadline;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One deadline of a case, as the rule of {@code config/deadlines.yaml} computed it when the case was stored.
 *
 * @param origin        {@code source} (the source system's own due time) or {@code computed} (by the rule)
 * @param counting      working-days, calendar-days, hours, or source
 * @param calendarKnown false when a working-day count reached a year the calendar does not know: counted in calendar
 *                      days instead ("calendar-only")
 * @param extended      the limit was extended once (信访 handling: +30 days)
 * @param state         running, met (its stage done) or stopped (the case closed or merged away first); a running
 *                      deadline past its due time reads as overdue
 * @param metAt         when the hub first saw its stage done
 * @param unit          the unit responsible (the case's finest unit); reminders go to its address
 * @param supervisor    the tier above it, reminded too when the deadline is overdue (null at the top)
 * @param caseRevision  the case's revision when computed
 */
public record Deadline(String caseId, String kind, String rule, String origin, String counting, boolean calendarKnown,
                       boolean extended, OffsetDateTime startedAt, OffsetDateTime dueAt, OffsetDateTime yellowAt,
                       String state, OffsetDateTime metAt, String unit, String supervisor, int caseRevision) {

    public static final String RUNNING = "running";
    public static final String MET = "met";
    public static final String STOPPED = "stopped";
    public static final String OVERDUE = "overdue";

    /** The state as of {@code now}: a running deadline past due is overdue. */
    public String stateAt(OffsetDateTime now) {
        return RUNNING.equals(state) && dueAt.isBefore(now) ? OVERDUE : state;
    }

    /** The deadline as the case API shows it. */
    public Map<String, Object> view(OffsetDateTime now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", kind);
        view.put("due", dueAt.toInstant().toString());
        view.put("rule", rule);
        view.put("origin", origin);
        view.put("counting", calendarKnown ? counting : "calendar-only");
        view.put("calendarKnown", calendarKnown);
        view.put("extended", extended);
        view.put("startedAt", startedAt.toInstant().toString());
        view.put("state", stateAt(now));
        view.put("metAt", metAt == null ? null : metAt.toInstant().toString());
        view.put("unit", unit);
        return view;
    }
}
