package org.casehub.index;

import java.util.List;
import java.util.function.Function;

import org.casehub.core.FeedRecord;

/**
 * Told inside the index transaction of the source records it stored (created, updated or merged into a case), so that
 * a package above the index can keep figures of its own that never disagree with it (org.casehub.warning's daily
 * series): they commit, or roll back, with the records. It runs in the transaction: keep it to a batched statement.
 */
public interface RecordsStored {

    /** @param caseOf the case each record now belongs to */
    void stored(List<FeedRecord> records, Function<FeedRecord, String> caseOf);
}
