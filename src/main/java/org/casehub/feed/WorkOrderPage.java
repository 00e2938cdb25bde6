package org.casehub.feed;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.core.RecordRejectedException;

/** One page of {@code GET /api/v1/workorders}: the orders as the platform sent them. */
public record WorkOrderPage(long total, int page, int size, List<Item> items) {

    /**
     * One order of the page.
     *
     * @param order the order as read (the pipeline's decode step applies the record limits); of an order longer than
     *              casehub.limits.max-record-bytes, only its orderNo and updateTime as far as its first bytes tell
     * @param raw   its own bytes in the page, as the platform sent them: what the pipeline reads and quarantine keeps;
     *              of a longer order, its first casehub.limits.max-record-bytes bytes
     * @param bytes its length in the page
     */
    public record Item(JsonNode order, byte[] raw, long bytes) {

        public Item(JsonNode order, byte[] raw) {
            this(order, raw, raw.length);
        }

        /** Whether only the order's first bytes were kept. */
        public boolean truncated() {
            return bytes > raw.length;
        }

        /** Why a truncated order is refused, naming the limit. */
        public RecordRejectedException tooLarge() {
            return new RecordRejectedException("limits", "the order is " + bytes + " bytes, more than"
                    + " casehub.limits.max-record-bytes (" + raw.length + "): only its first " + raw.length + " bytes are kept");
        }
    }
}
