package org.casehub.warning;

/**
 * A window's count judged against its baseline.
 *
 * @param windowDays  the window's length, ending on the series' last day
 * @param observed    records in the window
 * @param expected    the baseline's expectation for the window
 * @param probability how likely at least {@code observed} is under the baseline (1 when not judged)
 */
public record Assessment(int windowDays, int observed, double expected, double probability) {

    /** A window not judged: too little history, or nothing in it. */
    static Assessment notJudged(int windowDays, int observed) {
        return new Assessment(windowDays, observed, Double.NaN, 1);
    }

    /** −log10 of the probability: 5 means one in 100,000 (capped at 300 where the probability underflows). */
    public double score() {
        return probability <= 0 ? 300 : Math.min(300, -Math.log10(probability));
    }

    public boolean judged() {
        return !Double.isNaN(expected);
    }
}
