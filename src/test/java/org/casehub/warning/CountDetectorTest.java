package org.casehub.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

class CountDetectorTest {

    private static final DetectionProperties SETTINGS = new DetectionProperties(56, 14, 7, 0.5, 15, 20, List.of(1, 2), 1e-5,
            1e-5, 0.05, 5, 3);
    private static final CountDetector DETECTOR = new CountDetector(SETTINGS);
    /** a Monday */
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

    private static int[] steady(int days, int perDay) {
        int[] counts = new int[days];
        Arrays.fill(counts, perDay);
        return counts;
    }

    @Test
    void aTripledDayOnASteadySeriesIsUnlikelyAndTheUsualDayIsNot() {
        int[] counts = steady(60, 10);
        Assessment usual = DETECTOR.assess(counts, MONDAY, 59, 1);
        counts[59] = 30;
        counts[58] = 30;
        Assessment spike = DETECTOR.assess(counts, MONDAY, 59, 2);

        assertThat(usual.expected()).isBetween(9.5, 10.5);
        assertThat(usual.probability()).isGreaterThan(0.3);
        assertThat(spike.observed()).isEqualTo(60);
        assertThat(spike.probability()).isLessThan(SETTINGS.alpha());
    }

    @Test
    void aDayBusyForTheWholeStreetIsNotASpikeOfOneCategoryButOneCategoryRisingAloneIs() {
        int[] category = steady(60, 10);
        int[] rest = steady(60, 100);
        category[58] = 30;
        category[59] = 30;
        rest[58] = 300;
        rest[59] = 300;
        Assessment alone = DETECTOR.assess(category, MONDAY, 59, 2);
        Assessment withStreet = DETECTOR.assess(category, rest, MONDAY, 59, 2);
        Assessment risingAlone = DETECTOR.assess(category, steady(60, 100), MONDAY, 59, 2);

        assertThat(alone.probability()).isLessThan(SETTINGS.alpha());
        assertThat(withStreet.expected()).isBetween(55.0, 62.0);
        assertThat(withStreet.probability()).isGreaterThan(0.3);
        assertThat(risingAlone.probability()).isLessThan(SETTINGS.alpha());
    }

    @Test
    void theBaselineKnowsTheDayOfTheWeek() {
        // 20 on weekdays, 2 at weekends: 12 on a Monday is a quiet day; 40 is far less likely on a Sunday than a Monday
        LocalDate sunday = MONDAY.minusDays(1);
        Assessment quietMonday = DETECTOR.assess(weekdaysBusy(MONDAY, 12), MONDAY, 56, 1);
        Assessment busyMonday = DETECTOR.assess(weekdaysBusy(MONDAY, 40), MONDAY, 56, 1);
        Assessment busySunday = DETECTOR.assess(weekdaysBusy(sunday, 40), sunday, 56, 1);

        assertThat(quietMonday.probability()).isGreaterThan(0.5);
        assertThat(busySunday.expected()).isLessThan(busyMonday.expected() / 2);
        assertThat(busySunday.probability()).isLessThan(busyMonday.probability() / 100);
    }

    @Test
    void aSeriesWithAHistoryAsLongAsItsPriorTakesItsStreetsWeeklyRhythm() {
        // one a day, every day, in a street busy on weekdays (20) and quiet at weekends (2): the series' own eight
        // Sundays say 1, its street says a Sunday is a seventh of a Monday, and the street's thousands of records win
        CountDetector detector = new CountDetector(new DetectionProperties(56, 14, 56, 0.5, 15, 20, List.of(1), 1e-5,
                1e-5, 0.05, 5, 3));
        LocalDate sunday = MONDAY.minusDays(1);
        Assessment onSunday = detector.assess(steady(57, 1), weekdaysBusy(sunday, 2), sunday, 56, 1);
        Assessment onMonday = detector.assess(steady(57, 1), weekdaysBusy(MONDAY, 20), MONDAY, 56, 1);
        Assessment ownOnly = detector.assess(steady(57, 1), sunday, 56, 1);

        assertThat(onSunday.expected()).isLessThan(onMonday.expected() / 3);
        assertThat(onMonday.expected()).isBetween(1.1, 1.5);
        assertThat(ownOnly.expected()).isBetween(0.9, 1.1);
    }

    /** 57 days ending on {@code last}: 20 a weekday, 2 a weekend day, and {@code lastCount} on the last. */
    private static int[] weekdaysBusy(LocalDate last, int lastCount) {
        int[] counts = new int[57];
        for (int i = 0; i < counts.length; i++) {
            DayOfWeek day = last.minusDays(counts.length - 1 - i).getDayOfWeek();
            counts[i] = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 2 : 20;
        }
        counts[56] = lastCount;
        return counts;
    }

    @Test
    void aQuietSeriesOfZerosExpectsLittleYetIsNotAlarmedByOneCase() {
        int[] counts = new int[58];
        counts[57] = 1;
        Assessment one = DETECTOR.assess(counts, MONDAY, 57, 1);

        assertThat(one.expected()).isPositive().isLessThan(0.1);
        assertThat(one.probability()).isGreaterThan(0.01);
        assertThat(Double.isFinite(one.score())).isTrue();
    }

    @Test
    void aYoungIndexIsNotJudged() {
        int[] counts = steady(60, 0);
        counts[59] = 40;

        assertThat(DETECTOR.assess(counts, MONDAY, 10, 1).judged()).isFalse();
        assertThat(DETECTOR.assess(counts, MONDAY, 10, 1).probability()).isEqualTo(1);
        assertThat(DETECTOR.assess(counts, MONDAY, 59, 1).judged()).isTrue();
    }

    @Test
    void theTailIsPoissonsWhenTheShapeIsLarge() {
        double poisson = 1 - new PoissonDistribution(4).cumulativeProbability(9);

        assertThat(CountDetector.tail(10, 1e9, 4)).isCloseTo(poisson, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(CountDetector.tail(0, 3, 4)).isEqualTo(1);
    }

    @Test
    void theWeakSignalIsTheLeadingSourcesRisingWhilePetitionsHaveNot() {
        WarningRules rules = new WarningRules(DETECTOR, List.of("livelihood", "public-safety"), List.of("provincial-petition"));
        Map<String, int[]> byFeed = new LinkedHashMap<>();
        byFeed.put("livelihood", steady(60, 6));
        byFeed.put("public-safety", steady(60, 4));
        byFeed.put("provincial-petition", steady(60, 1));
        assertThat(rules.judge(byFeed, MONDAY, 59)).isEmpty();

        byFeed.get("livelihood")[58] = 20;
        byFeed.get("livelihood")[59] = 22;
        byFeed.get("public-safety")[59] = 15;
        Optional<Finding> weak = rules.judge(byFeed, MONDAY, 59);
        assertThat(weak).get().extracting(Finding::rule).isEqualTo(WarningRules.WEAK_SIGNAL);
        assertThat(weak.get().feeds()).containsExactly("livelihood", "public-safety");

        byFeed.get("provincial-petition")[58] = 6;
        byFeed.get("provincial-petition")[59] = 6;
        Optional<Finding> spike = rules.judge(byFeed, MONDAY, 59);
        assertThat(spike).get().extracting(Finding::rule).isEqualTo(WarningRules.SPIKE);
        assertThat(spike.get().feeds()).containsExactly("livelihood", "public-safety", "provincial-petition");
    }

    @Test
    void fewerThanTheMinimumCountNeverRaisesAWarning() {
        WarningRules rules = new WarningRules(DETECTOR, List.of("livelihood"), List.of("provincial-petition"));
        Map<String, int[]> byFeed = new LinkedHashMap<>();
        byFeed.put("livelihood", steady(60, 0));
        byFeed.get("livelihood")[59] = 4;

        assertThat(DETECTOR.assess(byFeed.get("livelihood"), MONDAY, 59, 1).probability()).isLessThan(SETTINGS.alpha());
        assertThat(rules.judge(byFeed, MONDAY, 59)).isEmpty();
    }
}
