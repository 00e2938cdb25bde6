package org.casehub.core;

/** What storing one record did to the index. */
public enum StoreOutcome {
    /** a new case */
    CREATED,
    /** a record seen for the first time joined the case of the same grievance (同人+同事) */
    MERGED,
    /** a newer version of a known record updated its case */
    UPDATED,
    /** this idempotency key was applied before: nothing changed */
    DUPLICATE,
    /** an older version than the one applied: nothing changed */
    STALE,
    /** the record could not be used and went to quarantine */
    QUARANTINED
}
