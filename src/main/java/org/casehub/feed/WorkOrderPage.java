package org.casehub.feed;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One page of {@code GET /api/v1/workorders}: the orders as the platform sent them. */
public record WorkOrderPage(long total, int page, int size, List<Item> items) {

    /**
     * One order of the page.
     *
     * @param order the order as read, whatever its size (the pipeline's decode step applies the record limits)
     * @param raw   its own bytes in the page, as the platform sent them: what the pipeline reads and quarantine keeps
     */
    public record Item(JsonNode order, byte[] raw) {
    }
}
