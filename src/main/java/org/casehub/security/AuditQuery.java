package org.casehub.security;

import java.time.OffsetDateTime;

/**
 * A page of the audit trail, newest first; every filter is optional.
 *
 * @param clientId rows of this client
 * @param action   rows of this action
 * @param since    rows at or after this time
 * @param until    rows before this time
 * @param page     0 for the newest rows
 * @param size     rows per page, 1 to {@value #MAXIMUM_SIZE}
 */
public record AuditQuery(String clientId, String action, OffsetDateTime since, OffsetDateTime until, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAXIMUM_SIZE = 500;
    /** Deeper pages are better reached with a narrower time window. */
    public static final int MAXIMUM_PAGE = 10_000;

    public AuditQuery {
        if (size < 1 || size > MAXIMUM_SIZE) {
            throw new IllegalArgumentException("size must be 1 to " + MAXIMUM_SIZE);
        }
        if (page < 0 || page > MAXIMUM_PAGE) {
            throw new IllegalArgumentException("page must be 0 to " + MAXIMUM_PAGE);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until");
        }
    }
}
