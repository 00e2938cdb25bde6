package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.feed.WorkOrderPaging.Next;
import org.casehub.feed.WorkOrderPaging.Order;
import org.casehub.feed.WorkOrderPaging.Selection;
import org.junit.jupiter.api.Test;

class WorkOrderPagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static WorkOrderPage.Item order(String orderNo, String updateTime) {
        return item(JSON.createObjectNode().put("orderNo", orderNo).put("updateTime", updateTime));
    }

    private static WorkOrderPage.Item item(JsonNode order) {
        return new WorkOrderPage.Item(order, order.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Watermark mark(String updateTime, String orderNo) {
        return new Watermark(LocalDateTime.parse(updateTime.replace(' ', 'T')), orderNo);
    }

    private static List<String> orderNos(Selection selection) {
        return selection.fresh().stream().map(Order::key).map(Watermark::recordId).toList();
    }

    @Test
    void withoutAWatermarkEveryOrderIsNew() {
        Selection selection = WorkOrderPaging.select(List.of(order("A", "2026-11-05 10:00:00"), order("B", "2026-11-05 10:00:01")),
                null, 5);

        assertThat(orderNos(selection)).containsExactly("A", "B");
        assertThat(selection.next()).isEqualTo(Next.DONE);
        assertThat(selection.highest()).isEqualTo(mark("2026-11-05 10:00:01", "B"));
    }

    @Test
    void ordersAtOrBelowTheWatermarkPairDoNotMoveItButAreReadAgainForTheIdempotencyKeysToDrop() {
        Selection selection = WorkOrderPaging.select(List.of(
                order("A", "2026-11-05 10:00:00"), order("B", "2026-11-05 10:00:00"), order("C", "2026-11-05 10:00:00"),
                order("D", "2026-11-05 10:00:01")), mark("2026-11-05 10:00:00", "B"), 10);

        assertThat(orderNos(selection)).containsExactly("C", "D");
        assertThat(selection.reread()).extracting(o -> o.key().recordId()).containsExactly("A", "B");
    }

    @Test
    void anOrderWrittenInTheWatermarksSecondAfterItWasReadIsReadThoughItsOrderNoIsLower() {
        // the hub read B and C at 10:00:00; then the platform wrote A in that same second: it sorts before C
        Selection selection = WorkOrderPaging.select(List.of(
                order("A", "2026-11-05 10:00:00"), order("B", "2026-11-05 10:00:00"), order("C", "2026-11-05 10:00:00")),
                mark("2026-11-05 10:00:00", "C"), 10);

        assertThat(selection.fresh()).isEmpty();
        assertThat(selection.reread()).extracting(o -> o.key().recordId()).contains("A");
        assertThat(selection.next()).isEqualTo(Next.DONE);
        assertThat(selection.highest()).isNull();
    }

    @Test
    void aFullPageWithNewOrdersIsFollowedByPageZeroFromTheAdvancedWatermark() {
        Selection selection = WorkOrderPaging.select(List.of(order("A", "2026-11-05 10:00:00"), order("B", "2026-11-05 10:00:01")),
                null, 2);

        assertThat(selection.next()).isEqualTo(Next.REQUERY);
    }

    @Test
    void aFullPageOfAlreadyStoredOrdersInOneSecondGoesOnToTheNextPage() {
        Selection selection = WorkOrderPaging.select(List.of(order("A", "2026-11-05 10:00:00"), order("B", "2026-11-05 10:00:00")),
                mark("2026-11-05 10:00:00", "B"), 2);

        assertThat(selection.fresh()).isEmpty();
        assertThat(selection.next()).isEqualTo(Next.NEXT_PAGE);
    }

    @Test
    void anOrderThatMovedToTheEndWhilePagingIsNewAgainWithItsLaterTime() {
        // page 0 stored A..C; then B changed and moved behind D: requerying from C's time finds D and B's new version
        Watermark afterPageZero = mark("2026-11-05 10:00:02", "C");
        Selection selection = WorkOrderPaging.select(List.of(order("C", "2026-11-05 10:00:02"), order("D", "2026-11-05 10:00:03"),
                order("B", "2026-11-05 10:05:00")), afterPageZero, 3);

        assertThat(orderNos(selection)).containsExactly("D", "B");
        assertThat(selection.highest()).isEqualTo(mark("2026-11-05 10:05:00", "B"));
    }

    @Test
    void newOrdersAreTakenInTheirOrderingEvenIfThePageIsNot() {
        Selection selection = WorkOrderPaging.select(List.of(order("B", "2026-11-05 10:00:01"), order("A", "2026-11-05 10:00:01")),
                null, 5);

        assertThat(orderNos(selection)).containsExactly("A", "B");
    }

    @Test
    void anOrderWithoutAUsableUpdateTimeIsSetApartAndDoesNotMoveTheWatermark() {
        Selection selection = WorkOrderPaging.select(List.of(order("A", "2026-11-05 10:00:00"), order("X", "2026-11-05T10:00:00"),
                item(JSON.createObjectNode().put("updateTime", "2026-11-05 10:00:00"))), null, 5);

        assertThat(orderNos(selection)).containsExactly("A");
        assertThat(selection.unreadable()).hasSize(2);
        assertThat(selection.highest()).isEqualTo(mark("2026-11-05 10:00:00", "A"));
    }

    @Test
    void anEmptyPageMeansCaughtUp() {
        Selection selection = WorkOrderPaging.select(List.of(), mark("2026-11-05 10:00:00", "A"), 5);

        assertThat(selection.next()).isEqualTo(Next.DONE);
        assertThat(selection.highest()).isNull();
    }
}
