package org.casehub.dedup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The duplicate rule (同人+同事): its thresholds on the comparison score (0 to 1) and its windows.
 *
 * @param enabled           false: every record becomes a case of its own, with no links
 * @param mergeThreshold    at or above, the same person (or an anonymous record at the same place) is merged
 * @param possibleThreshold at or above (and below a merge), a possible duplicate for a person to decide
 * @param relatedThreshold  at or above, the same matter of different persons is linked as related
 * @param matterWindow      how far apart in time two reports of one matter may be
 * @param anonymousWindow   how far apart an anonymous record and its duplicate may be to merge
 * @param maxLinks          possible/related links kept for a new case, best first
 * @param candidatesPerKey  the most recent cases compared per blocking key: a crowd of reports of one matter at one
 *                          place is compared with its latest ones, so no decision grows with the crowd
 * @param profileCacheSize  case profiles kept in memory (1-2 KB each), enough for the cases of the matter window:
 *                          a profile not kept is read and cut from the index again
 */
@ConfigurationProperties("casehub.dedup")
public record DedupProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0.6") double mergeThreshold,
        @DefaultValue("0.45") double possibleThreshold,
        @DefaultValue("0.45") double relatedThreshold,
        @DefaultValue("P30D") Duration matterWindow,
        @DefaultValue("P7D") Duration anonymousWindow,
        @DefaultValue("10") int maxLinks,
        @DefaultValue("100") int candidatesPerKey,
        @DefaultValue("100000") int profileCacheSize) {

    /** The documented defaults, for code that builds the rule outside Spring. */
    public static DedupProperties defaults() {
        // the @DefaultValues above, bound from nothing: the defaults are written once
        return new Binder().bindOrCreate("casehub.dedup", DedupProperties.class);
    }

    /** The widest window: candidates are looked up this far either side of a record's time. */
    public Duration widestWindow() {
        return matterWindow.compareTo(anonymousWindow) >= 0 ? matterWindow : anonymousWindow;
    }
}
