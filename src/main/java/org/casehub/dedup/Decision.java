package org.casehub.dedup;

import java.util.List;

/**
 * What becomes of an arriving record.
 *
 * @param mergeInto the case the record joins; null: it makes a new case
 * @param merge     the comparison that decided the merge; null for a new case
 * @param links     possible/related links of the new case, best first (none for a merge)
 */
public record Decision(String mergeInto, Comparison merge, List<Link> links) {

    public Decision {
        links = links == null ? List.of() : List.copyOf(links);
    }

    public static Decision newCase(List<Link> links) {
        return new Decision(null, null, links);
    }

    public boolean merged() {
        return mergeInto != null;
    }
}
