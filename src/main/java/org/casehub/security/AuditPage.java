package org.casehub.security;

import java.util.List;

/**
 * A page of the audit trail, newest first.
 *
 * @param items   the rows
 * @param page    the page number, from 0
 * @param size    the page size asked for
 * @param hasMore whether an older page follows
 */
public record AuditPage(List<Row> items, int page, int size, boolean hasMore) {

    public AuditPage {
        items = List.copyOf(items);
    }

    /**
     * One row of {@code audit_log}.
     *
     * @param occurredAt when, RFC 3339 in UTC
     */
    public record Row(long id, String occurredAt, String clientId, String action, String target, String outcome,
                      String detail, String requestId, String remoteAddress) {
    }
}
