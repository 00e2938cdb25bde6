package org.casehub.quarantine;

import org.casehub.core.FeedRecord;

/**
 * Takes again the quarantined records of a feed that is not a source feed: a message the hub refused on a path of its
 * own (a unit's report on casehub.progress) has no mapping to go through, so its owner replays it with the hub's state
 * now. The target settles the row itself, as the index does for a source record: replayed in the transaction that
 * applies the record ({@link QuarantineRepository#claim}, {@link QuarantineRepository#replayed}), or still open with
 * the new reasons.
 */
public interface ReplayTarget {

    /** the feed name its refused records are quarantined under */
    String feed();

    /** Takes the record again and settles its row ({@link FeedRecord#replayOf()}). */
    void replay(FeedRecord record);
}
