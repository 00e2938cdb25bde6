package org.casehub.dedup;

import java.util.Locale;

/** How two cases relate: one grievance (merged), perhaps one (possible, a person decides), one matter of different persons (related). */
public enum LinkKind {
    MERGED, POSSIBLE, RELATED;

    /** The link type of the canonical case (schemas/case.schema.json). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
