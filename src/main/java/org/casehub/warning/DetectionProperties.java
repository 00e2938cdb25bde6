package org.casehub.warning;

import java.util.List;

/**
 * How a series is judged (config/application.yaml, casehub.warning.detection; tuned on the evaluation benchmark,
 * org.casehub.bench.WarningEvaluation).
 *
 * @param historyDays    days before the window that make the baseline (whole weeks keep each weekday equally seen)
 * @param minHistoryDays days of history the index must hold before a series is judged at all: a young hub's zeros are
 *                       not a baseline
 * @param priorDays      weight, in days, of the series' overall daily mean (shaped by its street's weekly rhythm) in
 *                       each weekday's expectation: a weekday seen on few days leans on the whole history instead of its
 *                       own few counts; as long as the history, a series' weekly rhythm is mostly its street's
 * @param shapeFloor     counts added to every baseline (spread over priorDays), so that a quiet series that never had a
 *                       case expects a little rather than nothing, and one case is never infinitely unlikely
 * @param dispersion     the largest shape of the negative binomial: day-to-day variation beyond Poisson that even a long
 *                       history cannot remove (real traffic is overdispersed)
 * @param streetPrior    counts added to both the rest of the street's window and its expectation when the window's
 *                       expectation is scaled by the street (a quiet street's scale stays near 1)
 * @param windows        window lengths in days, ending today, each tested; the most unlikely counts
 * @param alpha          tail probability at or below which a window's count is a spike
 * @param weakAlpha      tail probability at or below which the leading sources (12345, grid) have risen
 * @param petitionQuiet  tail probability above which the petitions have not risen (the weak signal's other half)
 * @param minCount       records in the window below which nothing is raised, however unlikely
 * @param groupMin       cases of one matter, tied by dedup's related links, in the window that make a group matter
 */
public record DetectionProperties(int historyDays, int minHistoryDays, double priorDays, double shapeFloor,
                                  double dispersion, double streetPrior, List<Integer> windows, double alpha, double weakAlpha,
                                  double petitionQuiet, int minCount, int groupMin) {

    public DetectionProperties {
        windows = List.copyOf(windows);
        if (historyDays < 7 || minHistoryDays < 1 || minHistoryDays > historyDays || priorDays <= 0 || shapeFloor <= 0
                || dispersion <= 0 || streetPrior <= 0 || windows.isEmpty() || windows.stream().anyMatch(w -> w < 1)
                || alpha <= 0 || alpha >= 1 || weakAlpha <= 0 || weakAlpha >= 1 || petitionQuiet <= 0 || petitionQuiet >= 1
                || minCount < 1 || groupMin < 2) {
            throw new IllegalArgumentException("casehub.warning.detection (config/application.yaml) needs history-days >= 7,"
                    + " 1 <= min-history-days <= history-days, prior-days, shape-floor, dispersion and street-prior > 0, windows of at"
                    + " least 1 day, alpha, weak-alpha and petition-quiet in (0, 1), min-count >= 1 and group-min >= 2");
        }
    }

    /** The longest window: the series are read this many days back, plus the history. */
    public int longestWindow() {
        return windows.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
