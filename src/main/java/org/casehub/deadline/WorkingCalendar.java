package org.casehub.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * China's working days: Monday to Friday, except the State Council's holidays, plus the weekend days worked instead
 * (调休), as the files of {@code config/calendar/} list them (one row per date that differs from the weekday rule).
 * A year the files hold no row of is <em>unknown</em>: its holidays are announced each November or December for
 * the year after, so a date past the last listed year is never assumed to be an ordinary day — a limit that reaches
 * it is counted in calendar days and flagged (see {@link Due#calendarKnown()}).
 */
public final class WorkingCalendar {

    /** How the calendar counts a limit. */
    public enum Counting {
        /** 工作日: working days on this calendar (the 12345 answer times) */
        WORKING_DAYS,
        /** 日: calendar days (the 信访工作条例's limits) */
        CALENDAR_DAYS
    }

    /**
     * The last day of a limit.
     *
     * @param date          the day the limit ends (at its end, Beijing time)
     * @param calendarKnown false when the count reached a year the calendar does not know: the date is then the
     *                      start plus the limit in calendar days, earlier than any working-day count could be
     */
    public record Due(LocalDate date, boolean calendarKnown) {
    }

    /** date → true for a worked weekend day, false for a holiday */
    private final Map<LocalDate, Boolean> exceptions;
    private final TreeSet<Integer> years;

    private WorkingCalendar(Map<LocalDate, Boolean> exceptions, TreeSet<Integer> years) {
        this.exceptions = exceptions;
        this.years = years;
    }

    /**
     * Reads calendar files ({@code date,kind,name} with kind {@code holiday} or {@code workday}, a header line).
     *
     * @param files file name → its text, for the error message
     * @throws IllegalArgumentException naming the file and line of a row it cannot read
     */
    public static WorkingCalendar parse(Map<String, String> files) {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        TreeSet<Integer> years = new TreeSet<>();
        files.forEach((file, text) -> {
            List<String> lines = text.lines().toList();
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", 3);
                try {
                    LocalDate date = LocalDate.parse(cells[0].strip());
                    String kind = cells.length > 1 ? cells[1].strip() : "";
                    if (!kind.equals("holiday") && !kind.equals("workday")) {
                        throw new IllegalArgumentException("kind must be holiday or workday, not '" + kind + "'");
                    }
                    exceptions.put(date, kind.equals("workday"));
                    years.add(date.getYear());
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        });
        return new WorkingCalendar(exceptions, years);
    }

    /** Whether the calendar knows the year of this date. */
    public boolean knows(LocalDate date) {
        return years.contains(date.getYear());
    }

    /** The last year the calendar knows, if any. */
    public OptionalInt lastKnownYear() {
        return years.isEmpty() ? OptionalInt.empty() : OptionalInt.of(years.last());
    }

    /**
     * Whether the date is worked.
     *
     * @throws IllegalArgumentException for a date of a year the calendar does not know
     */
    public boolean isWorkingDay(LocalDate date) {
        if (!knows(date)) {
            throw new IllegalArgumentException("the working-day calendar does not know " + date.getYear());
        }
        Boolean exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The last day of a limit of {@code amount} days counted from {@code start}: the start day itself is not counted
     * (the first day is the next one; for working days, the next working day).
     *
     * @param holidayEndMoves for calendar days: a limit whose last day is not a working day ends on the next working
     *                        day instead
     */
    public Due due(LocalDate start, int amount, Counting counting, boolean holidayEndMoves) {
        LocalDate byCalendar = start.plusDays(amount);
        if (counting == Counting.CALENDAR_DAYS) {
            LocalDate day = byCalendar;
            while (holidayEndMoves) {
                if (!knows(day)) {
                    return new Due(byCalendar, false);
                }
                if (isWorkingDay(day)) {
                    break;
                }
                day = day.plusDays(1);
            }
            return new Due(day, true);
        }
        LocalDate day = start;
        for (int counted = 0; counted < amount; ) {
            day = day.plusDays(1);
            if (!knows(day)) {
                return new Due(byCalendar, false);
            }
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return new Due(day, true);
    }
}
