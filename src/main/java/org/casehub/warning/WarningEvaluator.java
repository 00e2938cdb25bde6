package org.casehub.warning;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.casehub.cluster.LeaderLeases;
import org.casehub.core.BeijingTime;
import org.casehub.index.CaseRepository;
import org.casehub.warning.SeriesRepository.Place;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Judges the series on the route's timer (routes/warnings.camel.yaml), on one hub instance at a time (the lease
 * {@value #LEASE}): first the back-fill, until it has ended; then, for the units × categories with at least
 * min-count records in the longest window today (a grouped read of the series' last days, never of the index), the
 * rules ({@link WarningRules}) on their series against their unit's (street's) totals of the same days (one grouped
 * read per unit), and the group-matter rule on the dedup links among their cases. A
 * unit × category warned of in the last quiet-days is skipped: one warning per window, no storm. What is found is
 * raised by {@link WarningRaiser}.
 */
@Component("warningEvaluator")
public class WarningEvaluator {

    private static final Logger log = LoggerFactory.getLogger(WarningEvaluator.class);
    static final String LEASE = "warning:evaluate";

    private final WarningProperties properties;
    private final SeriesRepository series;
    private final SeriesBackfill backfill;
    private final WarningRepository warnings;
    private final WarningRaiser raiser;
    private final CaseRepository cases;
    private final LeaderLeases leases;
    private final WarningRules rules;
    private final Clock clock;

    @Autowired
    public WarningEvaluator(WarningProperties properties, SeriesRepository series, SeriesBackfill backfill,
                            WarningRepository warnings, WarningRaiser raiser, CaseRepository cases, LeaderLeases leases) {
        this(properties, series, backfill, warnings, raiser, cases, leases, Clock.systemUTC());
    }

    WarningEvaluator(WarningProperties properties, SeriesRepository series, SeriesBackfill backfill,
                     WarningRepository warnings, WarningRaiser raiser, CaseRepository cases, LeaderLeases leases,
                     Clock clock) {
        this.properties = properties;
        this.series = series;
        this.backfill = backfill;
        this.warnings = warnings;
        this.raiser = raiser;
        this.cases = cases;
        this.leases = leases;
        this.rules = new WarningRules(new CountDetector(properties.detection()), properties.leadingFeeds(),
                properties.petitionFeeds());
        this.clock = clock;
    }

    /** One tick: back-fill, or judge; returns the warnings raised. */
    public synchronized int evaluate() {
        if (!properties.enabled() || !leases.hold(LEASE) || !backfill.step()) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LocalDate today = now.atZoneSameInstant(BeijingTime.ZONE).toLocalDate();
        LocalDate firstDay = series.firstDay();
        if (firstDay == null) {
            return 0;
        }
        DetectionProperties detection = properties.detection();
        int longest = detection.longestWindow();
        LocalDate windowFrom = today.minusDays(longest - 1);
        Set<Place> quiet = warnings.raisedSince(today.minusDays(properties.quietDays() - 1));
        int known = (int) Math.max(0, ChronoUnit.DAYS.between(firstDay, today));
        LocalDate historyFrom = windowFrom.minusDays(detection.historyDays());
        int raised = 0;
        Map<String, Map<String, int[]>> streets = new HashMap<>();
        for (Place place : series.busy(windowFrom, today, Math.min(detection.minCount(), detection.groupMin()))) {
            if (quiet.contains(place)) {
                continue;
            }
            Map<String, int[]> byFeed = series.series(place, historyFrom, today);
            Map<String, int[]> street = streets.computeIfAbsent(place.unitCode(),
                    unit -> series.street(unit, historyFrom, today));
            Optional<Finding> finding = rules.judge(byFeed, street, today, known).or(() -> groupMatter(place, byFeed, windowFrom));
            if (finding.isPresent() && raiser.raise(place, finding.get(), today, now)) {
                raised++;
            }
        }
        if (raised > 0) {
            log.info("early warning: {} warning(s) raised", raised);
        }
        return raised;
    }

    /** Several cases of the window tied by dedup's related links: a group matter forming. */
    private Optional<Finding> groupMatter(Place place, Map<String, int[]> byFeed, LocalDate windowFrom) {
        int longest = properties.detection().longestWindow();
        List<String> feeds = WarningRules.feedsIn(byFeed, new ArrayList<>(byFeed.keySet()), longest);
        OffsetDateTime since = windowFrom.atStartOfDay(BeijingTime.ZONE).toOffsetDateTime();
        List<String> behind = series.casesBehind(place, feeds, since, properties.casesListed());
        Set<String> tied = cases.relatedAmong(behind);
        if (tied.size() < properties.detection().groupMin()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(WarningRules.GROUP_MATTER, feeds,
                new Assessment(longest, tied.size(), 0, 1)));
    }
}
