package org.casehub.feed;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The watermark rules of the livelihood pull, apart from HTTP and storage. The platform orders work
 * orders by (updateTime, orderNo) and moves an order that changes to the end, so plain offset paging
 * can skip one. Hence: a page's orders at or below the watermark do not move it; once a page brought new
 * orders and they are stored, the next request is page 0 again from the new watermark's time. Only a
 * page with nothing new (a run of orders changed in the same second, longer than a page) is followed by
 * the next page. The time is at second resolution, so an order written in the watermark's second after the
 * hub read it can sort below the watermark: the pull asks from the watermark's second (less an overlap) and
 * hands the orders at or below the watermark to the pipeline again, whose idempotency keys drop those seen.
 */
public final class WorkOrderPaging {

    /** The contract's time format, Beijing time. */
    public static final DateTimeFormatter SOURCE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private WorkOrderPaging() {
    }

    public enum Next {
        /** new orders were stored: ask page 0 again, from the advanced watermark */
        REQUERY,
        /** a full page held nothing new: the same second goes on on the next page */
        NEXT_PAGE,
        /** the last page: caught up until the next poll */
        DONE
    }

    public record Order(WorkOrderPage.Item item, Watermark key) {
    }

    /**
     * @param fresh      orders above the watermark, in the platform's order
     * @param reread     orders at or below it, asked again (its second and the overlap before): one written into that
     *                   second after the hub read it sorts below the watermark and would be lost; the idempotency
     *                   keys drop those already stored
     * @param unreadable orders without a usable orderNo and updateTime: they cannot be placed, only quarantined
     */
    public record Selection(List<Order> fresh, List<Order> reread, List<WorkOrderPage.Item> unreadable, Next next) {

        /** The watermark once the fresh orders are stored. */
        public Watermark highest() {
            return fresh.isEmpty() ? null : fresh.get(fresh.size() - 1).key();
        }
    }

    public static Selection select(List<WorkOrderPage.Item> items, Watermark watermark, int size) {
        List<Order> fresh = new ArrayList<>();
        List<Order> reread = new ArrayList<>();
        List<WorkOrderPage.Item> unreadable = new ArrayList<>();
        for (WorkOrderPage.Item item : items) {
            Watermark key = key(item.order());
            if (key == null) {
                unreadable.add(item);
            } else {
                (key.isAbove(watermark) ? fresh : reread).add(new Order(item, key));
            }
        }
        fresh.sort(Comparator.comparing(Order::key));
        boolean lastPage = items.size() < size;
        Next next = lastPage ? Next.DONE : fresh.isEmpty() ? Next.NEXT_PAGE : Next.REQUERY;
        return new Selection(List.copyOf(fresh), List.copyOf(reread), List.copyOf(unreadable), next);
    }

    /** An order's place in the platform's ordering, or null when it has none. */
    static Watermark key(JsonNode item) {
        String orderNo = item.path("orderNo").asText("");
        String updateTime = item.path("updateTime").asText("");
        if (orderNo.isBlank() || !item.path("updateTime").isTextual()) {
            return null;
        }
        try {
            return new Watermark(LocalDateTime.parse(updateTime, SOURCE_TIME), orderNo);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
