package org.casehub.warning;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules one unit × category is judged by, from its daily series per feed, first match wins:
 * <ol>
 * <li>{@value #WEAK_SIGNAL} — the seed's weak signal: the leading sources (12345, the grid) together have risen while
 * the petitions have not (yet): the matter shows before it reaches the petition system;</li>
 * <li>{@value #SPIKE} — all sources together have risen against their baseline;</li>
 * </ol>
 * each only with at least {@code minCount} records in the window, so that one complaint never raises an alarm. The
 * third rule, {@value #GROUP_MATTER} (cases tied by dedup's related links), needs the index's links and is the
 * evaluator's ({@link WarningEvaluator}).
 */
public final class WarningRules {

    public static final String WEAK_SIGNAL = "weak-signal";
    public static final String SPIKE = "spike";
    public static final String GROUP_MATTER = "group-matter";

    private final CountDetector detector;
    private final List<String> leadingFeeds;
    private final List<String> petitionFeeds;

    public WarningRules(CountDetector detector, List<String> leadingFeeds, List<String> petitionFeeds) {
        this.detector = detector;
        this.leadingFeeds = List.copyOf(leadingFeeds);
        this.petitionFeeds = List.copyOf(petitionFeeds);
    }

    /** {@link #judge(Map, Map, LocalDate, int)} without the street: each series against its own baseline only. */
    public Optional<Finding> judge(Map<String, int[]> countsByFeed, LocalDate lastDay, int known) {
        return judge(countsByFeed, Map.of(), lastDay, known);
    }

    /**
     * @param countsByFeed daily counts per feed, all of the same days, the last being {@code lastDay}
     * @param streetByFeed the whole street's (unit's) daily counts per feed, all categories, on the same days; empty
     *                     when not known. The category is judged against the rest of the street on the same days, so
     *                     that a day busy for the whole street is not a spike of one category.
     * @param known        days before the window the index has data for
     */
    public Optional<Finding> judge(Map<String, int[]> countsByFeed, Map<String, int[]> streetByFeed, LocalDate lastDay,
                                   int known) {
        DetectionProperties settings = detector.settings();
        int days = countsByFeed.values().stream().mapToInt(c -> c.length).max().orElse(0);
        int[] leadingCounts = sum(countsByFeed, leadingFeeds, days);
        Assessment leading = detector.mostUnlikely(leadingCounts, rest(streetByFeed, leadingFeeds, leadingCounts),
                lastDay, known);
        if (leading.observed() >= settings.minCount() && leading.probability() <= settings.weakAlpha()) {
            int[] petitionCounts = sum(countsByFeed, petitionFeeds, days);
            Assessment petitions = detector.mostUnlikely(petitionCounts,
                    rest(streetByFeed, petitionFeeds, petitionCounts), lastDay, known);
            if (petitions.probability() > settings.petitionQuiet()) {
                return Optional.of(new Finding(WEAK_SIGNAL, feedsIn(countsByFeed, leadingFeeds, leading.windowDays()), leading));
            }
        }
        List<String> all = List.copyOf(countsByFeed.keySet());
        int[] allCounts = sum(countsByFeed, all, days);
        Assessment spike = detector.mostUnlikely(allCounts, rest(streetByFeed, all, allCounts), lastDay, known);
        if (spike.observed() >= settings.minCount() && spike.probability() <= settings.alpha()) {
            return Optional.of(new Finding(SPIKE, feedsIn(countsByFeed, all, spike.windowDays()), spike));
        }
        return Optional.empty();
    }

    /** The street's counts of these feeds less the category's own: the rest of the street; null when not known. */
    private static int[] rest(Map<String, int[]> streetByFeed, List<String> feeds, int[] category) {
        if (streetByFeed.isEmpty()) {
            return null;
        }
        int[] rest = sum(streetByFeed, feeds, category.length);
        for (int i = 0; i < rest.length; i++) {
            rest[i] = Math.max(0, rest[i] - category[i]);
        }
        return rest;
    }

    private static int[] sum(Map<String, int[]> countsByFeed, List<String> feeds, int days) {
        int[] total = new int[days];
        for (String feed : feeds) {
            int[] counts = countsByFeed.get(feed);
            if (counts != null) {
                int offset = days - counts.length;
                for (int i = Math.max(0, -offset); i < counts.length; i++) {
                    total[offset + i] += counts[i];
                }
            }
        }
        return total;
    }

    /** The feeds (of those given, in their order) with records in the last {@code window} days. */
    static List<String> feedsIn(Map<String, int[]> countsByFeed, List<String> feeds, int window) {
        return feeds.stream().filter(feed -> {
            int[] counts = countsByFeed.get(feed);
            if (counts == null) {
                return false;
            }
            for (int i = Math.max(0, counts.length - window); i < counts.length; i++) {
                if (counts[i] > 0) {
                    return true;
                }
            }
            return false;
        }).toList();
    }
}
