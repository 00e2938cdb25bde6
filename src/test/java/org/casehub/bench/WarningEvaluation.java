package org.casehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.casehub.warning.CountDetector;
import org.casehub.warning.DetectionProperties;
import org.casehub.warning.Finding;
import org.casehub.warning.WarningRules;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

/**
 * The early warning's default configuration (config/application.yaml, casehub.warning) on a year of generated traffic
 * for every Shenzhen street of config/network/divisions-44.csv, with planted spikes of known size and start: the hit
 * rate (spikes warned of within 2 days of their start), the days to detection, and the false alarms per 1,000
 * street-days. Targets (issue 23): >= 90 % of 3x spikes within 2 days, <= 1 false alarm per 1,000 street-days.
 * <p>
 * Background traffic per street × category × source: a street's daily volume per source (lognormal across streets:
 * 12345 median 60, grid 40, petitions 3), shared out over the unified categories by a Zipf law, times a weekday
 * profile per source (petition offices closed at weekends), times day-level shocks shared by the street (gamma, as
 * weather or news would) and per series (gamma): overdispersed Poisson counts, as real traffic is. Spikes: per street
 * {@code SPIKES_PER_STREET} at random days and categories (uniform: a quiet category rises as often as a busy one), for
 * {@code SPIKE_DAYS} days, the 12345 and grid rates times {@code factor}, the petitions following two days later
 * (the weak signal the seed means). The rules are judged on each day's full counts, as the evaluator's last run of
 * the day sees them, against the street's totals of the same days as the evaluator reads them (with
 * {@code -Dwarning.own-baseline-only=true}: each series against its own baseline only, the detector before the street
 * was used, for comparison); a warning suppresses the next for the same street × category for quiet-days, as in the hub.
 * Run: {@code mvn -Pbench -DskipTests verify}, or alone: {@code java -cp … org.casehub.bench.WarningEvaluation [factor]}.
 */
public final class WarningEvaluation {

    private static final String[] FEEDS = {"livelihood", "public-safety", "provincial-petition"};
    private static final double[] MEDIAN_VOLUME = {60, 40, 3};
    /** per source, Monday..Sunday */
    private static final double[][] WEEKDAY = {
            {1.1, 1.05, 1.05, 1.05, 1.1, 0.85, 0.8},
            {1.0, 1.0, 1.0, 1.0, 1.05, 1.0, 0.95},
            {1.25, 1.2, 1.2, 1.2, 1.15, 0.5, 0.5}};
    /**
     * The hit rate by the spiked series' baseline (all sources, cases a day): below 2 a day a tripled series cannot
     * stand out of its noise in 2 days at the false-alarm budget (README, "Early warning"), so the target is read per
     * band; 2-10 is split at 5 where it becomes reachable.
     */
    private static final String[] BANDS = {"baseline < 2/day", "baseline 2-5/day", "baseline 5-10/day",
            "baseline >= 10/day"};
    private static final int CATEGORIES = 19;
    private static final int WARM_UP = 70;
    private static final int YEAR = 365;
    private static final int SPIKES_PER_STREET = 4;
    private static final int SPIKE_DAYS = 5;
    private static final int PETITION_LAG = 2;
    private static final boolean BY_STREET = !Boolean.getBoolean("warning.own-baseline-only");
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1).minusDays(WARM_UP);

    private record Spike(int street, int category, int start, double baseline) {
    }

    public static void main(String[] args) throws IOException {
        double factor = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        DetectionProperties settings = defaults();
        int quietDays = quietDays();
        List<String> streets = Files.readAllLines(Path.of("config/network/divisions-44.csv")).stream()
                .map(line -> line.split(",")[0]).filter(code -> code.matches("4403\\d{5}")).toList();
        RandomDataGenerator random = new RandomDataGenerator(new Well19937c(20261205L));
        int days = WARM_UP + YEAR;
        double[] share = zipf(CATEGORIES, 1.0);
        List<Spike> spikes = new ArrayList<>();
        WarningRules rules = new WarningRules(new CountDetector(settings), List.of(FEEDS[0], FEEDS[1]), List.of(FEEDS[2]));

        int falseAlarms = 0;
        int[] hits = new int[BANDS.length];
        int[] planted = new int[BANDS.length];
        long detectionDays = 0;
        int detected = 0;
        long start = System.nanoTime();
        long judged = 0;
        for (int s = 0; s < streets.size(); s++) {
            double[] volume = new double[FEEDS.length];
            for (int f = 0; f < FEEDS.length; f++) {
                volume[f] = MEDIAN_VOLUME[f] * Math.exp(0.6 * random.nextGaussian(0, 1));
            }
            // spikes of this street: start days in the year, apart so that their warnings do not mix
            Map<Integer, Spike> spikeOf = new LinkedHashMap<>();
            int[] spikeDayOf = new int[days];
            java.util.Arrays.fill(spikeDayOf, -1);
            for (int k = 0; k < SPIKES_PER_STREET; k++) {
                int category = random.nextInt(0, CATEGORIES - 1);
                int startDay = WARM_UP + k * (YEAR / SPIKES_PER_STREET) + random.nextInt(10, YEAR / SPIKES_PER_STREET - 20);
                double baseline = 0;
                for (int f = 0; f < FEEDS.length; f++) {
                    baseline += volume[f] * share[category];
                }
                Spike spike = new Spike(s, category, startDay, baseline);
                spikes.add(spike);
                spikeOf.put(startDay * 100 + category, spike);
            }
            // counts[category][feed][day]
            int[][][] counts = new int[CATEGORIES][FEEDS.length][days];
            for (int d = 0; d < days; d++) {
                double streetShock = random.nextGamma(20, 1 / 20.0);
                int weekday = FIRST_DAY.plusDays(d).getDayOfWeek().getValue() - 1;
                for (int c = 0; c < CATEGORIES; c++) {
                    for (int f = 0; f < FEEDS.length; f++) {
                        double rate = volume[f] * share[c] * WEEKDAY[f][weekday] * streetShock * random.nextGamma(30, 1 / 30.0);
                        for (Spike spike : spikeOf.values()) {
                            int from = spike.start() + (f == 2 ? PETITION_LAG : 0);
                            if (spike.category() == c && d >= from && d < spike.start() + SPIKE_DAYS) {
                                rate *= factor;
                            }
                        }
                        counts[c][f][d] = rate <= 0 ? 0 : (int) random.nextPoisson(rate);
                    }
                }
            }
            // the street's totals per source, all categories: what the hub's series give for the unit
            int[][] street = new int[FEEDS.length][days];
            for (int c = 0; c < CATEGORIES; c++) {
                for (int f = 0; f < FEEDS.length; f++) {
                    for (int d = 0; d < days; d++) {
                        street[f][d] += counts[c][f][d];
                    }
                }
            }
            // judge each category each day of the year, with one warning per quiet-days
            for (int c = 0; c < CATEGORIES; c++) {
                int quietUntil = -1;
                for (int d = WARM_UP; d < days; d++) {
                    if (d < quietUntil) {
                        continue;
                    }
                    int from = Math.max(0, d + 1 - settings.historyDays() - settings.longestWindow());
                    Map<String, int[]> byFeed = new LinkedHashMap<>();
                    Map<String, int[]> streetByFeed = new LinkedHashMap<>();
                    for (int f = 0; f < FEEDS.length; f++) {
                        byFeed.put(FEEDS[f], java.util.Arrays.copyOfRange(counts[c][f], from, d + 1));
                        if (BY_STREET) {
                            streetByFeed.put(FEEDS[f], java.util.Arrays.copyOfRange(street[f], from, d + 1));
                        }
                    }
                    judged++;
                    Optional<Finding> finding = rules.judge(byFeed, streetByFeed, FIRST_DAY.plusDays(d), d);
                    if (finding.isEmpty()) {
                        continue;
                    }
                    quietUntil = d + quietDays;
                    Spike cause = null;
                    for (Spike spike : spikeOf.values()) {
                        if (spike.category() == c && d >= spike.start() && d < spike.start() + SPIKE_DAYS + 2) {
                            cause = spike;
                        }
                    }
                    if (cause == null) {
                        falseAlarms++;
                    } else if (spikeDayOf[cause.start()] != c) {
                        spikeDayOf[cause.start()] = c;
                        int band = band(cause.baseline());
                        int late = d - cause.start();
                        if (late <= 1) {
                            hits[band]++;
                        }
                        detected++;
                        detectionDays += late;
                    }
                }
            }
            for (Spike spike : spikeOf.values()) {
                planted[band(spike.baseline())]++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int streetDays = streets.size() * YEAR;
        int allHits = java.util.Arrays.stream(hits).sum();
        int allPlanted = java.util.Arrays.stream(planted).sum();
        System.out.printf("%n=== casehub early-warning evaluation: %d Shenzhen streets x %d categories x %d sources, %d days,"
                + " spikes x%.1f for %d days ===%n", streets.size(), CATEGORIES, FEEDS.length, YEAR, factor, SPIKE_DAYS);
        System.out.printf("settings: %s, quiet-days %d%n", settings, quietDays);
        System.out.printf("hit rate (warned within 2 days): %.1f %% (%d of %d planted spikes)%n", 100.0 * allHits / allPlanted,
                allHits, allPlanted);
        for (int b = 0; b < BANDS.length; b++) {
            System.out.printf("  %-20s %.1f %% (%d of %d)%n", BANDS[b], planted[b] == 0 ? 0 : 100.0 * hits[b] / planted[b],
                    hits[b], planted[b]);
        }
        System.out.printf("found at all: %d; mean days to detection (0 = the spike's first day): %.2f%n", detected,
                detected == 0 ? Double.NaN : (double) detectionDays / detected);
        System.out.printf("false alarms: %d in %d street-days = %.2f per 1,000 street-days%n", falseAlarms, streetDays,
                1000.0 * falseAlarms / streetDays);
        System.out.printf("judged %d street x category days in %.1f s (%.0f /s)%n%n", judged, seconds, judged / seconds);
    }

    private static int band(double baseline) {
        return baseline < 2 ? 0 : baseline < 5 ? 1 : baseline < 10 ? 2 : 3;
    }

    private static double[] zipf(int n, double exponent) {
        double[] share = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            share[i] = 1 / Math.pow(i + 1, exponent);
            total += share[i];
        }
        for (int i = 0; i < n; i++) {
            share[i] /= total;
        }
        return share;
    }

    private static Binder config() throws IOException {
        return new Binder(ConfigurationPropertySources.from(
                new YamlPropertySourceLoader().load("config", new FileSystemResource("config/application.yaml"))));
    }

    private static DetectionProperties defaults() throws IOException {
        return config().bind("casehub.warning.detection", DetectionProperties.class).get();
    }

    private static int quietDays() throws IOException {
        return config().bind("casehub.warning.quiet-days", Integer.class).get();
    }
}
