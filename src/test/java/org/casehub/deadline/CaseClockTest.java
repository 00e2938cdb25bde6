package org.casehub.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.FunctionalZones;
import org.casehub.network.NetworkProperties;
import org.casehub.network.UnitResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.FileSystemResource;

/** The shipped rules (config/deadlines.yaml) on the shipped calendar, case by case. */
class CaseClockTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NetworkProperties NETWORK = new NetworkProperties("config/network/divisions-44.csv");
    private static final DivisionDirectory DIVISIONS = new DivisionDirectory(new CasehubHome(new HomeProperties(".")), NETWORK);
    private static final UnitResolver UNITS = new UnitResolver(
            new FunctionalZones(new FileSystemResource("config/network/zones.yaml"), DIVISIONS::contains), DIVISIONS, NETWORK);
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-05T02:00:00Z");

    static CaseClock shippedClock(DeadlineRepository repository) {
        try {
            return new CaseClock(DeadlineRules.parse("config/deadlines.yaml", Files.readString(Path.of("config/deadlines.yaml"))),
                    WorkingCalendarTest.shipped(), UNITS, repository, 0.8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final CaseClock clock = shippedClock(null);

    private static ObjectNode kase(String status, String reportedAt) {
        ObjectNode data = JSON.createObjectNode().put("caseId", "01JCASE0000000000000000000").put("revision", 3)
                .put("status", status).put("reportedAt", reportedAt).put("updatedAt", reportedAt);
        data.putObject("location").put("divisionCode", "440305");
        return data;
    }

    private Map<String, Deadline> deadlines(String feed, ObjectNode data, Map<String, Deadline> before) {
        return clock.deadlines(new CaseClock.Written(data.path("caseId").asText(), feed + ":X1", data, NOW), before)
                .stream().collect(Collectors.toMap(Deadline::kind, Function.identity()));
    }

    private static String beijingEndOf(String day) {
        return OffsetDateTime.parse(day + "T23:59:59+08:00").withOffsetSameInstant(ZoneOffset.UTC).toString();
    }

    @ParameterizedTest(name = "12345 {1} accepted {0}: due {2}")
    @CsvSource({
            "2026-02-13T10:00:00+08:00, 咨询, 2026-02-24",
            "2026-02-13T10:00:00+08:00, 求助, 2026-03-05",
            "2026-02-13T10:00:00+08:00, 建议, 2026-03-05",
            "2026-02-13T10:00:00+08:00, 投诉, 2026-03-12",
            "2026-02-13T10:00:00+08:00, 举报, 2026-03-12",
            "2026-02-16T09:00:00+08:00, 咨询, 2026-02-25",
            "2026-09-30T16:00:00+08:00, 咨询, 2026-10-09",
            "2026-09-30T16:00:00+08:00, 求助, 2026-10-20",
            "2026-09-30T16:00:00+08:00, 投诉, 2026-10-27",
            "2026-09-24T08:30:00+08:00, 咨询, 2026-09-29",
            // accepted at 01:00 Beijing on 10-01: still the 1st of October there, whatever UTC says
            "2026-10-01T01:00:00+08:00, 咨询, 2026-10-09"
    })
    void aWorkOrderWithoutItsOwnDeadlineIsDueInWorkingDaysByItsKind(String accepted, String kind, String dueDay) {
        ObjectNode order = kase("in-progress", accepted);
        order.putObject("sourceCategory").put("code", kind + "/城市管理/噪声");

        Deadline answer = deadlines("livelihood", order, Map.of()).get("answer");

        assertThat(answer.dueAt().toString()).isEqualTo(beijingEndOf(dueDay));
        assertThat(answer.origin()).isEqualTo("computed");
        assertThat(answer.counting()).isEqualTo("working-days");
        assertThat(answer.calendarKnown()).isTrue();
        assertThat(answer.rule()).contains("12345");
        assertThat(answer.unit()).isEqualTo("440305");
        assertThat(answer.supervisor()).isEqualTo("4403");
    }

    @Test
    void theOrdersOwnDeadlineWins() {
        ObjectNode order = kase("in-progress", "2026-02-13T10:00:00+08:00");
        order.putObject("sourceCategory").put("code", "咨询/城市管理/噪声");
        order.putObject("deadlines").put("expected", "2026-02-27T18:00:00+08:00");

        Deadline answer = deadlines("livelihood", order, Map.of()).get("answer");

        assertThat(answer.dueAt()).isEqualTo(OffsetDateTime.parse("2026-02-27T10:00:00Z"));
        assertThat(answer.origin()).isEqualTo("source");
    }

    @Test
    void aWorkingDayCountPastTheCalendarIsCalendarOnlyAndFlagged() {
        ObjectNode order = kase("in-progress", "2026-12-28T10:00:00+08:00");
        order.putObject("sourceCategory").put("code", "投诉/城市管理/噪声");

        Deadline answer = deadlines("livelihood", order, Map.of()).get("answer");

        assertThat(answer.calendarKnown()).isFalse();
        assertThat(answer.dueAt().toString()).isEqualTo(beijingEndOf("2027-01-12"));
        assertThat(answer.view(NOW)).containsEntry("counting", "calendar-only").containsEntry("state", "running");
    }

    @ParameterizedTest(name = "petition registered {0}, accepted {1}: acceptance {2}, handling {3}, extended {4}")
    @CsvSource({
            "2026-02-05T09:00:00+08:00, 2026-02-13T10:00:00+08:00, 2026-02-20, 2026-04-14, 2026-05-14",
            "2026-09-16T09:00:00+08:00, 2026-09-30T16:00:00+08:00, 2026-10-01, 2026-11-29, 2026-12-29"
    })
    void aPetitionCountsCalendarDaysFromRegistrationAndFromAcceptance(String registered, String accepted,
            String acceptanceDay, String handlingDay, String extendedDay) {
        ObjectNode petition = kase("received", registered);
        Map<String, Deadline> atRegistration = deadlines("provincial-petition", petition, Map.of());
        assertThat(atRegistration).containsOnlyKeys("acceptance");
        assertThat(atRegistration.get("acceptance").dueAt().toString()).isEqualTo(beijingEndOf(acceptanceDay));
        assertThat(atRegistration.get("acceptance").counting()).isEqualTo("calendar-days");

        petition.put("status", "accepted").put("updatedAt", accepted);
        Map<String, Deadline> atAcceptance = deadlines("provincial-petition", petition, atRegistration);
        assertThat(atAcceptance.get("acceptance").state()).isEqualTo(Deadline.MET);
        assertThat(atAcceptance.get("handling").dueAt().toString()).isEqualTo(beijingEndOf(handlingDay));

        // a later update (in hand, then extended) keeps the day the handling clock started
        petition.put("status", "in-progress").put("updatedAt", "2026-11-20T10:00:00+08:00");
        petition.putObject("deadlines").put("extended", true);
        Map<String, Deadline> extended = deadlines("provincial-petition", petition, atAcceptance);
        assertThat(extended.get("handling").dueAt().toString()).isEqualTo(beijingEndOf(extendedDay));
        assertThat(extended.get("handling").extended()).isTrue();
        assertThat(extended.get("handling").rule()).as("the rule says the limit was extended").contains("已延期，共90日");
        assertThat(atAcceptance.get("handling").rule()).doesNotContain("已延期");
        assertThat(extended.get("acceptance").metAt()).isEqualTo(atAcceptance.get("acceptance").metAt());
    }

    @Test
    void aReviewRequestStartsItsOwnThirtyDaysAndEndsWhenTheReviewIsDecided() {
        ObjectNode petition = kase("review", "2026-01-05T09:00:00+08:00").put("sourceStatus", "05")
                .put("updatedAt", "2026-02-13T10:00:00+08:00");
        Map<String, Deadline> review = deadlines("provincial-petition", petition, Map.of());
        assertThat(review.get("review").dueAt().toString()).isEqualTo(beijingEndOf("2026-03-15"));
        assertThat(review.get("review").state()).isEqualTo(Deadline.RUNNING);
        assertThat(review).doesNotContainKey("re-review");

        petition.put("sourceStatus", "06").put("updatedAt", "2026-03-10T10:00:00+08:00");
        Map<String, Deadline> reReview = deadlines("provincial-petition", petition, review);
        assertThat(reReview.get("review").state()).isEqualTo(Deadline.MET);
        assertThat(reReview.get("re-review").dueAt().toString()).isEqualTo(beijingEndOf("2026-04-09"));
    }

    @ParameterizedTest(name = "grid severity {0}: due {1}")
    @CsvSource({"4, 2026-02-14T02:00:00Z", "3, 2026-02-16T02:00:00Z", "1, 2026-02-28T02:00:00Z", ", 2026-02-20T02:00:00Z"})
    void aGridEventIsDueByItsSeverity(Integer severity, String due) {
        ObjectNode event = kase("accepted", "2026-02-13T10:00:00+08:00");
        if (severity != null) {
            event.put("severity", severity);
        }
        assertThat(deadlines("public-safety", event, Map.of()).get("disposal").dueAt()).isEqualTo(OffsetDateTime.parse(due));
    }

    @Test
    void aCaseMergedAwayStopsItsClocksAndAClosedOneMeetsThem() {
        ObjectNode event = kase("accepted", "2026-02-13T10:00:00+08:00").put("mergedInto", "01JOTHER000000000000000000");
        assertThat(deadlines("public-safety", event, Map.of()).get("disposal").state()).isEqualTo(Deadline.STOPPED);

        ObjectNode closed = kase("closed", "2026-02-13T10:00:00+08:00");
        assertThat(deadlines("public-safety", closed, Map.of()).get("disposal").state()).isEqualTo(Deadline.MET);
    }

    @Test
    void aRunningDeadlinePastDueReadsOverdueAndTheYellowThresholdIsItsShareOfTheLimit() {
        ObjectNode event = kase("accepted", "2026-02-13T10:00:00+08:00").put("severity", 4);
        Deadline disposal = deadlines("public-safety", event, Map.of()).get("disposal");

        assertThat(disposal.stateAt(NOW)).isEqualTo(Deadline.OVERDUE);
        assertThat(disposal.stateAt(OffsetDateTime.parse("2026-02-13T03:00:00Z"))).isEqualTo(Deadline.RUNNING);
        assertThat(disposal.yellowAt()).isEqualTo(OffsetDateTime.parse("2026-02-13T21:12:00Z"));
    }

    @Test
    void aFeedWithoutRulesHasNoDeadlines() {
        assertThat(deadlines("some-new-feed", kase("received", "2026-02-13T10:00:00+08:00"), Map.of())).isEmpty();
    }

    @Test
    void aRuleThatCannotComputeADeadlineFailsTheStartNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeadlineRules.parse("x.yaml", """
                feeds:
                  livelihood:
                    - kind: answer
                      rule: r
                      starts: reported
                      counting: weeks
                      met-when: {field: /status, in: [closed]}
                """)).hasMessageContaining("livelihood answer: counting must be")
                .hasMessageContaining("give either limit");
    }

}
