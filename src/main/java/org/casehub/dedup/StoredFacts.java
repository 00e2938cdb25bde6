package org.casehub.dedup;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/**
 * The cases' facts as the index stores them ({@link CaseFacts} as JSON on each case), read by the rule's repository.
 * The index owns the case table and implements this: the dedup step names no table of the index, and depends on no
 * package above it.
 */
public interface StoredFacts {

    /**
     * A case's facts at a revision.
     *
     * @param updatedAt when the case was last written (only for {@link #recentFacts}, else null)
     */
    record Facts(String caseId, int revision, String dedupFacts, OffsetDateTime updatedAt) {
    }

    /**
     * A page of the cases, not merged away and with facts, written since {@code since}: most recent first, after the
     * last one of the page before ({@code lastAt}, {@code lastId}; null for the first page).
     */
    List<Facts> recentFacts(OffsetDateTime since, OffsetDateTime lastAt, String lastId, int size);

    /** The facts of those of these cases not merged away and with facts. */
    List<Facts> currentFacts(Collection<String> caseIds);
}
