package org.casehub.warning;

import java.time.DayOfWeek;
import java.time.LocalDate;

import org.apache.commons.math3.special.Beta;

/**
 * Judges a window of daily counts against the series' own baseline, day-of-week aware and robust to the zeros of
 * quiet streets. Each weekday's rate gets a gamma posterior: the series' overall daily mean over the history, weighted
 * as {@code priorDays} days, lifted by {@code shapeFloor} and shaped by the street's weekly rhythm (the rest of the
 * street's weekday means against its overall mean; flat without the street), updated with that weekday's own counts.
 * With {@code priorDays} as long as the history, a series' level is read from every day of it rather than from the
 * eight or sixteen days of one weekday, and its weekly rhythm from its street's thousands of records: on the evaluation
 * benchmark that took the 3x spikes found within 2 days from 42 % to 49 %, the tail oracle's 50 % (README, "Early
 * warning"). The count of a window then follows the posterior predictive, a negative binomial (gamma–Poisson) whose
 * mean is the sum of its days' expectations and whose shape joins the baseline's uncertainty with the day-to-day
 * variation beyond Poisson that real traffic has ({@code dispersion}, the shape of one day; a window of w days has w
 * times it). The tail P(X ≥ observed) is the regularised incomplete beta I_{1−p}(observed, r) (Apache Commons Math),
 * exact for the non-integer shapes a posterior gives, where Commons Math's PascalDistribution takes integers only.
 * <p>
 * Given the rest of the street, the expectation is scaled by how the rest stands today against its own weekday means:
 * street-wide ups and downs (weather, news, holidays) hit every category at once, and a series' own test cannot tell
 * them from a rise of its own (on the evaluation benchmark, a tripled series of 10+ cases a day was found in 2 days
 * 80 % of the time on its own baseline, 98 % against its street). The rest's window is a count too, and its noise
 * widens the tail.
 * <p>
 * Pure and allocation-light per call: the evaluator runs it on the few series with enough records, the benchmark on
 * every street-day of a year.
 */
public final class CountDetector {

    private final DetectionProperties settings;

    public CountDetector(DetectionProperties settings) {
        this.settings = settings;
    }

    public DetectionProperties settings() {
        return settings;
    }

    /** {@link #assess(int[], int[], LocalDate, int, int)} without the street: the series' own baseline only. */
    public Assessment assess(int[] counts, LocalDate lastDay, int known, int windowDays) {
        return assess(counts, null, lastDay, known, windowDays);
    }

    /**
     * @param counts     daily counts of consecutive days, oldest first; the last is {@code lastDay} (today, perhaps
     *                   still counting)
     * @param rest       the rest of the street on the same days (its other categories), or null: the window's
     *                   expectation is scaled by how the rest of the street stands against its own baseline, so that
     *                   a day busy or quiet for the whole street (weather, news, a holiday) is not a spike of one
     *                   category; the scale is shrunk towards 1 by {@code streetPrior} counts when the street is quiet
     * @param lastDay    the day of the last count
     * @param known      how many days before the last the index has data for (the hub's age): fewer than
     *                   {@code minHistoryDays} before the window and it is not judged
     * @param windowDays the window: the last this many counts
     */
    public Assessment assess(int[] counts, int[] rest, LocalDate lastDay, int known, int windowDays) {
        int end = counts.length;
        int windowStart = end - windowDays;
        int observed = observed(counts, windowStart, end);
        int historyDays = Math.min(settings.historyDays(), Math.min(known - (windowDays - 1), Math.max(0, windowStart)));
        if (historyDays < settings.minHistoryDays() || observed == 0) {
            return Assessment.notJudged(windowDays, observed);
        }
        History own = new History(counts, lastDay, windowStart, historyDays);
        History street = rest == null ? null : new History(rest, lastDay, windowStart, historyDays);
        // each weekday's rate: a gamma posterior whose prior is the series' overall daily mean, weighted as priorDays
        // days and shaped by the street's weekly rhythm (flat without it): a sparse series borrows its street's rhythm, a
        // busy one shows its own
        double mean = 0;
        double evidence = own.total + settings.shapeFloor();
        for (int i = windowStart; i < end; i++) {
            int weekday = weekday(lastDay, end - 1 - i);
            double alpha = (settings.priorDays() * own.level() + settings.shapeFloor())
                    * (street == null ? 1 : street.rhythm(weekday)) + own.sums[weekday];
            mean += alpha / (settings.priorDays() + own.days[weekday]);
            // the prior is the series' own history again: the evidence is at most the history's records
            evidence = Math.min(evidence, alpha);
        }
        // the window's spread: the baseline's own uncertainty (shape = the evidence behind it) and each day's variation
        // beyond Poisson, independent from day to day, so a window of w days has w times the daily shape
        double inverseShape = 1 / evidence + 1 / (settings.dispersion() * windowDays);
        if (street != null) {
            double expected = 0;
            for (int i = windowStart; i < end; i++) {
                expected += street.mean(weekday(lastDay, end - 1 - i));
            }
            double restObserved = observed(rest, windowStart, end) + settings.streetPrior();
            mean *= restObserved / (expected + settings.streetPrior());
            // the rest's window is a count too: its noise moves the scale
            inverseShape += 1 / restObserved;
        }
        return new Assessment(windowDays, observed, mean, tail(observed, 1 / inverseShape, mean));
    }

    private static int observed(int[] counts, int from, int to) {
        int observed = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            observed += counts[i];
        }
        return observed;
    }

    /** A series' {@code historyDays} before the window, weekday by weekday (0 = Monday): records and days seen. */
    private static final class History {

        final long[] sums = new long[7];
        final int[] days = new int[7];
        final long total;
        final int historyDays;

        History(int[] counts, LocalDate lastDay, int windowStart, int historyDays) {
            int historyStart = windowStart - historyDays;
            int firstWeekday = lastDay.minusDays(counts.length - 1 - historyStart).getDayOfWeek().getValue() - 1;
            long sum = 0;
            for (int i = historyStart; i < windowStart; i++) {
                int weekday = (firstWeekday + i - historyStart) % 7;
                sums[weekday] += counts[i];
                days[weekday]++;
                sum += counts[i];
            }
            this.total = sum;
            this.historyDays = historyDays;
        }

        double level() {
            return (double) total / historyDays;
        }

        double mean(int weekday) {
            return days[weekday] == 0 ? level() : (double) sums[weekday] / days[weekday];
        }

        /** the weekday's mean against the overall mean (1 when nothing was seen) */
        double rhythm(int weekday) {
            return total == 0 ? 1 : mean(weekday) / level();
        }
    }

    /** The most unlikely of the configured windows, ending on the last day. */
    public Assessment mostUnlikely(int[] counts, int[] rest, LocalDate lastDay, int known) {
        Assessment worst = null;
        for (int window : settings.windows()) {
            Assessment a = assess(counts, rest, lastDay, known, window);
            if (worst == null || a.probability() < worst.probability()) {
                worst = a;
            }
        }
        return worst;
    }

    /** P(X ≥ k) for a negative binomial of shape r and the given mean. */
    static double tail(int k, double r, double mean) {
        if (k <= 0) {
            return 1;
        }
        return Beta.regularizedBeta(mean / (r + mean), k, r);
    }

    private static int weekday(LocalDate lastDay, int daysBack) {
        DayOfWeek day = lastDay.minusDays(daysBack).getDayOfWeek();
        return day.getValue() - 1;
    }
}
