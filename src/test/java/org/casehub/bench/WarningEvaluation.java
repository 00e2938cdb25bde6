package org.casehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Beta;
import org.casehub.warning.CountDetector;
import org.casehub.warning.DetectionProperties;
import org.casehub.warning.WarningRules;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
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
 * <p>
 * Beside the detector, the physical limit: {@link Oracle}s that know each series' generating rate and test, every day,
 * the leading sources' count of that day and of the last two days, at the one threshold that spends the same
 * false-alarm budget (the loosest that keeps them within 1 per 1,000 street-days): by the count's exact-moment negative
 * binomial tail (what the detector does, with a perfect baseline), and by the likelihood ratio of a tripled rate (the
 * most hits any test can buy with that budget over all series). What the oracles miss no detector can find at that
 * budget; what they find and the detector does not is the detector's to win.
 * Run: {@code mvn -Pbench test-compile exec:exec@warning-evaluation}, or {@code java -cp … org.casehub.bench.WarningEvaluation [factor]}
 * (a system property {@code -Dcasehub.warning.detection.alpha=…} overrides the configuration's).
 */
public final class WarningEvaluation {

    private static final String[] FEEDS = {"livelihood", "public-safety", "provincial-petition"};
    private static final int LEADING = 2;
    private static final double[] MEDIAN_VOLUME = {60, 40, 3};
    /** per source, Monday..Sunday */
    private static final double[][] WEEKDAY = {
            {1.1, 1.05, 1.05, 1.05, 1.1, 0.85, 0.8},
            {1.0, 1.0, 1.0, 1.0, 1.05, 1.0, 0.95},
            {1.25, 1.2, 1.2, 1.2, 1.15, 0.5, 0.5}};
    /** the day-level shocks' gamma shapes (mean 1): shared by the street, and each series' own */
    private static final double STREET_SHAPE = 20;
    private static final double SERIES_SHAPE = 30;
    /**
     * The hit rate by the spiked series' baseline (all sources, cases a day): below 2 a day a tripled series cannot
     * stand out of its noise in 2 days at the false-alarm budget (README, "Early warning"), so the target is read per
     * band; 2-10 is split at 5.
     */
    static final String[] BANDS = {"baseline < 2/day", "baseline 2-5/day", "baseline 5-10/day", "baseline >= 10/day"};
    private static final int CATEGORIES = 19;
    private static final int WARM_UP = 70;
    private static final int YEAR = 365;
    private static final int DAYS = WARM_UP + YEAR;
    private static final int SPIKES_PER_STREET = 4;
    private static final int SPIKE_DAYS = 5;
    private static final int PETITION_LAG = 2;
    /** the false-alarm budget the oracles are held to, per 1,000 street-days (issue 23) */
    private static final double BUDGET = 1.0;
    /** years generated per street (-Dwarning.years; more give the figures narrower error bars) */
    private static final int YEARS = Integer.getInteger("warning.years", 1);
    private static final boolean BY_STREET = !Boolean.getBoolean("warning.own-baseline-only");
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1).minusDays(WARM_UP);

    record Spike(int category, int start, double baseline) {

        int band() {
            return baseline < 2 ? 0 : baseline < 5 ? 1 : baseline < 10 ? 2 : 3;
        }

        /** a warning of its category from its start until 2 days after its end is its own, not a false alarm */
        boolean covers(int category, int day) {
            return this.category == category && day >= start && day < start + SPIKE_DAYS + 2;
        }
    }

    /** One street's generated year: counts[category][feed][day], its volumes, its shared shocks and its spikes. */
    record Street(int[][][] counts, double[] volume, double[] shock, List<Spike> spikes) {

        /** The generating rate of a series on a day without its spike and without its own shock. */
        double rate(double[] share, int category, int feed, int day, boolean withShock) {
            int weekday = FIRST_DAY.plusDays(day).getDayOfWeek().getValue() - 1;
            return volume[feed] * share[category] * WEEKDAY[feed][weekday] * (withShock ? shock[day] : 1);
        }
    }

    /** Whether a judge warns of a street's category on a day (asked only when that category is not quiet). */
    interface Judge {
        boolean warns(int street, int category, int day);
    }

    public static void main(String[] args) throws IOException {
        double factor = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        DetectionProperties settings = defaults();
        int quietDays = quietDays();
        List<String> codes = Files.readAllLines(Path.of("config/network/divisions-44.csv")).stream()
                .map(line -> line.split(",")[0]).filter(code -> code.matches("4403\\d{5}")).toList();
        RandomDataGenerator random = new RandomDataGenerator(new Well19937c(20261205L));
        double[] share = zipf(CATEGORIES, 1.0);
        List<Street> streets = new ArrayList<>();
        for (int s = 0; s < codes.size() * YEARS; s++) {
            streets.add(generate(random, share, factor));
        }
        int streetDays = streets.size() * YEAR;
        System.out.printf("%n=== casehub early-warning evaluation: %d Shenzhen streets x %d categories x %d sources, %d days,"
                + " spikes x%.1f for %d days ===%n", codes.size(), CATEGORIES, FEEDS.length, YEAR * YEARS, factor, SPIKE_DAYS);
        System.out.printf("settings: %s, quiet-days %d%n", settings, quietDays);

        WarningRules rules = new WarningRules(new CountDetector(settings), List.of(FEEDS[0], FEEDS[1]), List.of(FEEDS[2]));
        long start = System.nanoTime();
        Tally detector = Tally.of(streets, quietDays, (s, c, d) -> detects(rules, settings, streets.get(s), c, d));
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Oracle> oracles = List.of(
                new Oracle("tail, knows rate and day", true, 0),
                new Oracle("tail, knows rate", false, 0),
                new Oracle("likelihood ratio, knows rate and day", true, factor));
        List<Tally> tallies = new ArrayList<>(List.of(detector));
        for (Oracle oracle : oracles) {
            tallies.add(oracle.tuned(streets, quietDays, oracle.evidence(streets, share), BUDGET * streetDays / 1000));
        }
        String row = "  %-20s" + " %15s".repeat(tallies.size()) + "%n";
        System.out.printf(row, "found within 2 days", "detector", "oracle tail/day", "oracle tail", "oracle LR/day");
        for (int b = 0; b < BANDS.length; b++) {
            int band = b;
            System.out.printf(row, Stream.concat(Stream.of(BANDS[b]), tallies.stream().map(t -> t.band(band))).toArray());
        }
        System.out.printf(row, Stream.concat(Stream.of("all"), tallies.stream().map(Tally::all)).toArray());
        System.out.printf(row, Stream.concat(Stream.of("false alarms /1,000"),
                tallies.stream().map(t -> String.format("%.2f", t.falseAlarmRate(streetDays)))).toArray());
        System.out.printf("oracles' thresholds: %s%n", tallies.stream().skip(1).map(t -> t.label).toList());
        System.out.printf("detector: found at all %d; mean days to detection (0 = the spike's first day): %.2f;"
                        + " false alarms %d in %d street-days%n", detector.detected,
                detector.detected == 0 ? Double.NaN : (double) detector.detectionDays / detector.detected,
                detector.falseAlarms, streetDays);
        System.out.printf("judged %d street x category days in %.1f s (%.0f /s)%n%n", detector.judged, seconds,
                detector.judged / seconds);
    }

    private static Street generate(RandomDataGenerator random, double[] share, double factor) {
        double[] volume = new double[FEEDS.length];
        for (int f = 0; f < FEEDS.length; f++) {
            volume[f] = MEDIAN_VOLUME[f] * Math.exp(0.6 * random.nextGaussian(0, 1));
        }
        // spikes of this street: start days in the year, apart so that their warnings do not mix
        List<Spike> spikes = new ArrayList<>();
        for (int k = 0; k < SPIKES_PER_STREET; k++) {
            int category = random.nextInt(0, CATEGORIES - 1);
            int startDay = WARM_UP + k * (YEAR / SPIKES_PER_STREET) + random.nextInt(10, YEAR / SPIKES_PER_STREET - 20);
            double baseline = 0;
            for (int f = 0; f < FEEDS.length; f++) {
                baseline += volume[f] * share[category];
            }
            spikes.add(new Spike(category, startDay, baseline));
        }
        int[][][] counts = new int[CATEGORIES][FEEDS.length][DAYS];
        double[] shock = new double[DAYS];
        Street street = new Street(counts, volume, shock, spikes);
        for (int d = 0; d < DAYS; d++) {
            shock[d] = random.nextGamma(STREET_SHAPE, 1 / STREET_SHAPE);
            for (int c = 0; c < CATEGORIES; c++) {
                for (int f = 0; f < FEEDS.length; f++) {
                    double rate = street.rate(share, c, f, d, true) * random.nextGamma(SERIES_SHAPE, 1 / SERIES_SHAPE);
                    for (Spike spike : spikes) {
                        int from = spike.start() + (f == 2 ? PETITION_LAG : 0);
                        if (spike.category() == c && d >= from && d < spike.start() + SPIKE_DAYS) {
                            rate *= factor;
                        }
                    }
                    counts[c][f][d] = rate <= 0 ? 0 : (int) random.nextPoisson(rate);
                }
            }
        }
        return street;
    }

    /** The hub's rules on one street × category × day: its series and its street's totals as the evaluator reads them. */
    private static boolean detects(WarningRules rules, DetectionProperties settings, Street street, int c, int d) {
        int from = Math.max(0, d + 1 - settings.historyDays() - settings.longestWindow());
        Map<String, int[]> byFeed = new LinkedHashMap<>();
        Map<String, int[]> streetByFeed = new LinkedHashMap<>();
        for (int f = 0; f < FEEDS.length; f++) {
            byFeed.put(FEEDS[f], Arrays.copyOfRange(street.counts()[c][f], from, d + 1));
            if (BY_STREET) {
                int[] total = new int[d + 1 - from];
                for (int[][] category : street.counts()) {
                    for (int i = 0; i < total.length; i++) {
                        total[i] += category[f][from + i];
                    }
                }
                streetByFeed.put(FEEDS[f], total);
            }
        }
        return rules.judge(byFeed, streetByFeed, FIRST_DAY.plusDays(d), d).isPresent();
    }

    /**
     * The best test there is for "the leading sources tripled since today or yesterday": it knows each series' rate
     * (and, if {@code knowsShock}, the street's shock of each day, which the rest of the street reveals to a detector
     * to within a few per cent) and judges the leading sources' count of the last 1 and 2 days by a negative binomial
     * with the exact mean and variance of the generator's gamma-Poisson mixture; the stronger window counts. Its
     * evidence is the tail (−log10 P(X ≥ observed)), or, if {@code factor} is set, the likelihood ratio of the rate
     * times factor against the rate: one threshold on it over every series is the Neyman–Pearson test of the whole
     * street, spending the false-alarm budget where it buys most hits rather than evenly.
     */
    record Oracle(String name, boolean knowsShock, double factor) {

        float[][][] evidence(List<Street> streets, double[] share) {
            float[][][] evidence = new float[streets.size()][CATEGORIES][DAYS];
            for (int s = 0; s < streets.size(); s++) {
                Street street = streets.get(s);
                for (int c = 0; c < CATEGORIES; c++) {
                    for (int d = WARM_UP; d < DAYS; d++) {
                        double best = 0;
                        double mean = 0;
                        double rateVariance = 0;
                        int observed = 0;
                        for (int day = d; day >= d - 1; day--) {
                            double dayMean = 0;
                            double ownVariance = 0;
                            for (int f = 0; f < LEADING; f++) {
                                double rate = street.rate(share, c, f, day, knowsShock);
                                dayMean += rate;
                                ownVariance += rate * rate / SERIES_SHAPE;
                                observed += street.counts()[c][f][day];
                            }
                            mean += dayMean;
                            // Var(shock * sum of own shocks) = E[shock^2](mean^2 + own) - mean^2
                            rateVariance += knowsShock ? ownVariance
                                    : (1 + 1 / STREET_SHAPE) * (dayMean * dayMean + ownVariance) - dayMean * dayMean;
                            double shape = mean * mean / rateVariance;
                            best = Math.max(best, factor > 0 ? logLikelihoodRatio(observed, shape, mean, factor)
                                    : -Math.log10(tail(observed, shape, mean)));
                        }
                        evidence[s][c][d] = (float) best;
                    }
                }
            }
            return evidence;
        }

        /** The oracle at the lowest threshold whose false alarms stay within {@code budget}. */
        Tally tuned(List<Street> streets, int quietDays, float[][][] evidence, double budget) {
            Tally best = null;
            for (double threshold = 40; threshold >= 0; threshold -= 0.05) {
                double at = threshold;
                Tally tally = Tally.of(streets, quietDays, (s, c, d) -> evidence[s][c][d] >= at);
                if (tally.falseAlarms > budget) {
                    break;
                }
                best = tally;
                best.label = String.format("%s: %s >= %.2f", name, factor > 0 ? "log LR" : "-log10 p", at);
            }
            return best;
        }
    }

    /** ln of NB(k; factor × mean, r) / NB(k; mean, r): a gamma-Poisson rate multiplied keeps its shape. */
    static double logLikelihoodRatio(int k, double r, double mean, double factor) {
        return r * Math.log((r + mean) / (r + factor * mean)) + k * Math.log(factor * (r + mean) / (r + factor * mean));
    }

    /** P(X >= k) for a negative binomial of shape r and the given mean (r infinite: Poisson). */
    static double tail(int k, double r, double mean) {
        if (k <= 0) {
            return 1;
        }
        return Beta.regularizedBeta(mean / (Math.min(r, 1e12) + mean), k, Math.min(r, 1e12));
    }

    /** Spikes found (within 2 days, per band), found at all, and false alarms of one judge over every street. */
    static final class Tally {

        final int[] hits = new int[BANDS.length];
        final int[] planted = new int[BANDS.length];
        int falseAlarms;
        int detected;
        long detectionDays;
        long judged;
        String label = "";

        /** Judges each category each day of the year, with one warning per quiet-days, as the hub does. */
        static Tally of(List<Street> streets, int quietDays, Judge judge) {
            Tally tally = new Tally();
            for (int s = 0; s < streets.size(); s++) {
                List<Spike> spikes = streets.get(s).spikes();
                boolean[] found = new boolean[spikes.size()];
                for (int c = 0; c < CATEGORIES; c++) {
                    for (int d = WARM_UP; d < DAYS; d++) {
                        tally.judged++;
                        if (!judge.warns(s, c, d)) {
                            continue;
                        }
                        tally.record(spikes, found, c, d);
                        d += quietDays - 1;
                    }
                }
                for (Spike spike : spikes) {
                    tally.planted[spike.band()]++;
                }
            }
            return tally;
        }

        private void record(List<Spike> spikes, boolean[] found, int c, int d) {
            int cause = -1;
            for (int k = 0; k < spikes.size(); k++) {
                if (spikes.get(k).covers(c, d)) {
                    cause = k;
                }
            }
            if (cause < 0) {
                falseAlarms++;
            } else if (!found[cause]) {
                found[cause] = true;
                int late = d - spikes.get(cause).start();
                if (late <= 1) {
                    hits[spikes.get(cause).band()]++;
                }
                detected++;
                detectionDays += late;
            }
        }

        String band(int b) {
            return planted[b] == 0 ? "-" : String.format("%.1f %% (%d)", 100.0 * hits[b] / planted[b], hits[b]);
        }

        String all() {
            int all = Arrays.stream(hits).sum();
            return String.format("%.1f %% (%d)", 100.0 * all / Arrays.stream(planted).sum(), all);
        }

        double falseAlarmRate(int streetDays) {
            return 1000.0 * falseAlarms / streetDays;
        }
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

    /** config/application.yaml, under system properties of the same names (-Dcasehub.warning.detection.alpha=…). */
    private static Binder config() throws IOException {
        List<PropertySource<?>> sources = new ArrayList<>();
        sources.add(new PropertiesPropertySource("system", System.getProperties()));
        sources.addAll(new YamlPropertySourceLoader().load("config", new FileSystemResource("config/application.yaml")));
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    private static DetectionProperties defaults() throws IOException {
        return config().bind("casehub.warning.detection", DetectionProperties.class).get();
    }

    private static int quietDays() throws IOException {
        return config().bind("casehub.warning.quiet-days", Integer.class).get();
    }
}
