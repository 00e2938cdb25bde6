package org.casehub.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.BeijingTime;
import org.casehub.security.TestClients;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.HubHttp;

/** 12345 orders pushed to the running hub's webhook, accepted and due relative to now, and their cases read back. */
final class WorkOrderPushes {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** the last version stamped: a push within the same second as the one before gets the next second */
    private static final AtomicReference<LocalDateTime> LAST_STAMP = new AtomicReference<>(LocalDateTime.MIN);
    static final DateTimeFormatter SOURCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final HubHttp http;
    private final Map<String, String> webhook;

    WorkOrderPushes(int port, Map<String, String> webhook) {
        this.http = new HubHttp(port);
        this.webhook = webhook;
    }

    static LocalDateTime now() {
        return LocalDateTime.now(BeijingTime.ZONE).withNano(0);
    }

    static String newOrderNo() {
        return String.format("GD12345-20261201-%06d", 810_000 + SEQUENCE.incrementAndGet());
    }

    /**
     * Pushes the order (a version stamped now, to the second as 12345 stamps them, and always later than the push
     * before: a second version within the same second would be the same version, taken once) and answers its case as
     * the case API shows it.
     */
    JsonNode push(String orderNo, String kind, LocalDateTime accepted, LocalDateTime ownDeadline, String state) {
        LocalDateTime stamp = LAST_STAMP.accumulateAndGet(now(), (last, now) -> now.isAfter(last) ? now : last.plusSeconds(1));
        ObjectNode order = FakeWorkOrderPlatform.order(orderNo, stamp.format(SOURCE_TIME), state);
        order.put("acceptTime", accepted.format(SOURCE_TIME)).put("category", kind);
        if (ownDeadline == null) {
            order.remove("deadline");
        } else {
            order.put("deadline", ownDeadline.format(SOURCE_TIME));
        }
        HttpResponse<String> stored = http.post("/ingest/livelihood", webhook, order.toString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        return get("/api/sources/livelihood/" + orderNo).path("case");
    }

    JsonNode get(String path) {
        HttpResponse<String> response = http.get(path, TestClients.PROVINCE_KEY);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return HubHttp.json(response);
    }

    HttpResponse<String> getRaw(String path) {
        return http.get(path, TestClients.PROVINCE_KEY);
    }
}
