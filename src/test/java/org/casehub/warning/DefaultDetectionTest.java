package org.casehub.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

/**
 * The rules at the shipped configuration (config/application.yaml, casehub.warning.detection) on a street's noisy
 * series: what the evaluation benchmark measures in bulk, here as cases a reader can follow. A street of 12345, grid and
 * petition records whose other categories bring about 150 a day; the category judged brings 5 a day.
 */
class DefaultDetectionTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);
    private static final List<String> FEEDS = List.of("livelihood", "public-safety", "provincial-petition");
    /** the category's daily rate per feed, 5 in all; the rest of the street's */
    private static final double[] CATEGORY = {3, 1.8, 0.2};
    private static final double[] REST = {90, 55, 5};
    private static final int DAYS = 200;

    private final DetectionProperties defaults;
    private final WarningRules rules;

    DefaultDetectionTest() throws IOException {
        defaults = new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader()
                .load("config", new FileSystemResource("config/application.yaml"))))
                .bind("casehub.warning.detection", DetectionProperties.class).get();
        rules = new WarningRules(new CountDetector(defaults), FEEDS.subList(0, 2), FEEDS.subList(2, 3));
    }

    /** Poisson days of the given rates per feed, the same seed each run. */
    private static int[][] noise(double[] rates, long seed) {
        RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
        int[][] counts = new int[rates.length][DAYS];
        for (int f = 0; f < rates.length; f++) {
            for (int d = 0; d < DAYS; d++) {
                counts[f][d] = (int) random.nextPoisson(rates[f]);
            }
        }
        return counts;
    }

    /** The category's and its street's series of the days up to {@code day}, as the evaluator reads them. */
    private Optional<Finding> judge(int[][] category, int[][] rest, int day) {
        Map<String, int[]> byFeed = new LinkedHashMap<>();
        Map<String, int[]> street = new LinkedHashMap<>();
        for (int f = 0; f < FEEDS.size(); f++) {
            int[] own = java.util.Arrays.copyOf(category[f], day + 1);
            int[] all = java.util.Arrays.copyOf(rest[f], day + 1);
            for (int d = 0; d <= day; d++) {
                all[d] += own[d];
            }
            byFeed.put(FEEDS.get(f), own);
            street.put(FEEDS.get(f), all);
        }
        return rules.judge(byFeed, street, FIRST_DAY.plusDays(day), day);
    }

    @Test
    void aClearTriplingOfAFiveADaySeriesIsRaisedWithinTwoDays() {
        int[][] category = noise(CATEGORY, 1);
        int[][] rest = noise(REST, 2);
        int start = 150;
        for (int d = start; d < start + 2; d++) {
            // the 12345 and grid records tripled: 15 a day instead of 5
            category[0][d] = 9;
            category[1][d] = 6;
        }

        assertThat(judge(category, rest, start - 1)).isEmpty();
        Optional<Finding> found = judge(category, rest, start + 1);
        assertThat(found).isPresent();
        assertThat(found.get().rule()).isEqualTo(WarningRules.WEAK_SIGNAL);
        assertThat(found.get().assessment().observed()).isGreaterThanOrEqualTo(30);
        assertThat(found.get().assessment().expected()).isBetween(7.0, 13.0);
    }

    @Test
    void flatNoiseRaisesNothingOnAnyDay() {
        int[][] category = noise(CATEGORY, 3);
        int[][] rest = noise(REST, 4);

        for (int d = 30; d < DAYS; d++) {
            assertThat(judge(category, rest, d)).as("day %d", d).isEmpty();
        }
    }

    @Test
    void aSingleComplaintNeverRaisesNorDoFewerThanTheMinimumCountHoweverUnlikely() {
        int[][] category = new int[FEEDS.size()][DAYS];
        int[][] rest = noise(REST, 5);
        for (int f = 0; f < FEEDS.size(); f++) {
            category[f][DAYS - 1] = 1;
            assertThat(judge(category, rest, DAYS - 1)).as(FEEDS.get(f)).isEmpty();
            category[f][DAYS - 1] = defaults.minCount() - 1;
            Assessment few = new CountDetector(defaults).assess(category[f], FIRST_DAY.plusDays(DAYS - 1), DAYS - 1, 2);
            assertThat(few.probability()).as("unlikely on a quiet series").isLessThan(defaults.alpha());
            assertThat(judge(category, rest, DAYS - 1)).as(FEEDS.get(f)).isEmpty();
            category[f][DAYS - 1] = 0;
        }
    }
}
