package org.casehub.warning;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The early warning's settings (config/application.yaml, casehub.warning, where their defaults are written, once).
 *
 * @param enabled        whether the series are judged and warnings raised (the series are counted regardless)
 * @param evaluatePeriod how often the lease holder judges the series (the route's timer)
 * @param leadingFeeds   the feeds where a matter shows first (12345, the grid): the weak signal's rising half
 * @param petitionFeeds  the petition system's feeds: the weak signal's quiet half
 * @param quietDays      after a warning, none again for the same unit × category for this many days (no storm)
 * @param letterTemplate the 预警提示函's text, a file under the home folder, with {placeholders} (see WarningLetters)
 * @param casesListed    cases named in one warning, at most
 * @param backfillBatch  source records per back-fill transaction
 * @param backfillSlice  at most this long of back-fill per evaluation tick
 * @param detection      how a series is judged
 */
@ConfigurationProperties("casehub.warning")
public record WarningProperties(boolean enabled, Duration evaluatePeriod, List<String> leadingFeeds,
                                List<String> petitionFeeds, int quietDays, String letterTemplate, int casesListed,
                                int backfillBatch, Duration backfillSlice, DetectionProperties detection) {

    public WarningProperties {
        leadingFeeds = List.copyOf(leadingFeeds);
        petitionFeeds = List.copyOf(petitionFeeds);
        if (quietDays < 1 || casesListed < 1 || backfillBatch < 1 || backfillSlice.isNegative() || detection == null) {
            throw new IllegalArgumentException("casehub.warning (config/application.yaml) needs quiet-days, cases-listed"
                    + " and backfill-batch >= 1, a backfill-slice and a detection section");
        }
    }
}
