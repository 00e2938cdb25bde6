package org.casehub.security;

import java.util.Locale;

/** How an audited action ended. */
public enum AuditOutcome {
    /** done */
    SUCCESS,
    /** refused: not authenticated, or not allowed */
    DENIED,
    /** attempted, but it failed */
    FAILED;

    /** The value stored in {@code audit_log.outcome}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
