package org.casehub.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.casehub.deadline.WorkingCalendar.Counting;
import org.casehub.deadline.WorkingCalendar.Due;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The shipped calendar (config/calendar/) across 春节 and 国庆 2026, and its edge: the year after its last. */
class WorkingCalendarTest {

    static WorkingCalendar shipped() {
        try {
            return WorkingCalendar.parse(Map.of("cn-2025-2026.csv",
                    Files.readString(Path.of("config/calendar/cn-2025-2026.csv"))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final WorkingCalendar calendar = shipped();

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
            // 春节 2026: Sat 02-14 worked, 02-15..02-23 off, Sat 02-28 worked
            "2026-02-13, 2,  2026-02-24",   // 咨询: the worked Saturday, then the first day after the holiday
            "2026-02-13, 10, 2026-03-05",   // 求助/建议
            "2026-02-13, 15, 2026-03-12",   // 投诉/举报
            "2026-02-12, 2,  2026-02-14",   // ends on the worked Saturday
            "2026-02-16, 2,  2026-02-25",   // accepted on a holiday
            // 中秋 09-25..09-27 and 国庆 10-01..10-07 2026; Sun 09-20 and Sat 10-10 worked
            "2026-09-30, 2,  2026-10-09",
            "2026-09-30, 10, 2026-10-20",
            "2026-09-30, 15, 2026-10-27",
            "2026-09-24, 2,  2026-09-29",
            "2026-09-19, 2,  2026-09-21"    // the worked Sunday counts
    })
    void workingDaysSkipHolidaysAndCountAdjustedWeekendDays(LocalDate start, int days, LocalDate due) {
        assertThat(calendar.due(start, days, Counting.WORKING_DAYS, false)).isEqualTo(new Due(due, true));
    }

    @ParameterizedTest(name = "{0} + {1} days = {2} (holiday end moves: {3})")
    @CsvSource({
            "2026-02-13, 15, false, 2026-02-28",
            "2026-02-13, 60, false, 2026-04-14",
            "2026-02-13, 90, false, 2026-05-14",   // 60 extended once by 30
            "2026-02-13, 30, false, 2026-03-15",   // 复查 / 复核
            "2026-09-16, 15, false, 2026-10-01",   // ends on 国庆: stays there unless the rule moves it
            "2026-09-16, 15, true,  2026-10-08",
            "2026-09-30, 15, false, 2026-10-15",
            "2026-09-30, 60, false, 2026-11-29",
            "2026-09-30, 30, false, 2026-10-30",
            "2026-02-05, 15, false, 2026-02-20",
            "2026-02-05, 15, true,  2026-02-24"
    })
    void calendarDaysCountEveryDayFromTheNext(LocalDate start, int days, boolean holidayEndMoves, LocalDate due) {
        assertThat(calendar.due(start, days, Counting.CALENDAR_DAYS, holidayEndMoves)).isEqualTo(new Due(due, true));
    }

    @Test
    void aCountReachingAYearTheCalendarDoesNotKnowIsCalendarOnlyAndFlagged() {
        assertThat(calendar.lastKnownYear()).hasValue(2026);
        assertThat(calendar.due(LocalDate.parse("2026-12-28"), 15, Counting.WORKING_DAYS, false))
                .isEqualTo(new Due(LocalDate.parse("2027-01-12"), false));
        assertThat(calendar.due(LocalDate.parse("2026-12-28"), 2, Counting.WORKING_DAYS, false))
                .isEqualTo(new Due(LocalDate.parse("2026-12-30"), true));
        assertThat(calendar.due(LocalDate.parse("2026-12-20"), 15, Counting.CALENDAR_DAYS, true))
                .isEqualTo(new Due(LocalDate.parse("2027-01-04"), false));
        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.parse("2027-01-04")))
                .hasMessageContaining("does not know 2027");
    }

    @Test
    void aRowItCannotReadIsNamedByFileAndLine() {
        assertThatThrownBy(() -> WorkingCalendar.parse(Map.of("x.csv", "date,kind,name\n2027-01-01,holyday,元旦\n")))
                .hasMessageContaining("x.csv line 2").hasMessageContaining("holyday");
    }
}
