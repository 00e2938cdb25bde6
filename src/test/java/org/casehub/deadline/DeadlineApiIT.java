package org.casehub.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.BeijingTime;
import org.casehub.security.TestClients;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Deadlines computed as the index stores a case, shown and filtered by the case API and Open311, through real HTTP. */
class DeadlineApiIT extends HubTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final DateTimeFormatter SOURCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @LocalServerPort
    int port;

    private HubHttp http;

    @BeforeEach
    void client() {
        http = new HubHttp(port);
    }

    private static String beijing(LocalDateTime at) {
        return at.format(SOURCE_TIME);
    }

    /** Pushes a 12345 order (accepted daysAgo, with its own deadline or none) and answers its case. */
    private JsonNode push(String kind, int daysAgo, String ownDeadline, String state) {
        String orderNo = String.format("GD12345-20261201-%06d", 810_000 + SEQUENCE.incrementAndGet());
        LocalDateTime now = LocalDateTime.now(BeijingTime.ZONE).withNano(0);
        ObjectNode order = FakeWorkOrderPlatform.order(orderNo, beijing(now), state);
        order.put("acceptTime", beijing(now.minusDays(daysAgo))).put("category", kind);
        if (ownDeadline == null) {
            order.remove("deadline");
        } else {
            order.put("deadline", ownDeadline);
        }
        HttpResponse<String> stored = http.post("/ingest/livelihood", webhookHeaders(), order.toString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        return get("/api/sources/livelihood/" + orderNo).path("case");
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = http.get(path, TestClients.PROVINCE_KEY);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return HubHttp.json(response);
    }

    private List<String> caseIds(String query) {
        List<String> ids = new ArrayList<>();
        get("/api/cases?feed=livelihood&limit=500&" + query).path("items").forEach(c -> ids.add(c.path("caseId").asText()));
        return ids;
    }

    @Test
    void aWorkOrderWithoutItsOwnDeadlineShowsTheComputedOneAndIsFoundOverdue() {
        JsonNode late = push("咨询", 40, null, "办理中");

        JsonNode answer = late.path("deadlines").path("statutory").get(0);
        assertThat(answer.path("kind").asText()).isEqualTo("answer");
        assertThat(answer.path("origin").asText()).isEqualTo("computed");
        assertThat(answer.path("rule").asText()).contains("咨询2个工作日");
        assertThat(answer.path("state").asText()).isEqualTo("overdue");
        assertThat(answer.path("unit").asText()).startsWith("440305");
        assertThat(caseIds("overdue=true")).contains(late.path("caseId").asText());
        assertThat(caseIds("overdue=false")).doesNotContain(late.path("caseId").asText());
    }

    @Test
    void theOrdersOwnDeadlineIsTheCurrentOneFoundByDueWithinAndShownAsOpen311sExpectedDatetime() {
        LocalDateTime tomorrow = LocalDateTime.now(BeijingTime.ZONE).plusDays(1).withNano(0);
        JsonNode soon = push("投诉", 1, beijing(tomorrow), "办理中");
        String caseId = soon.path("caseId").asText();

        assertThat(soon.path("deadlines").path("statutory").get(0).path("origin").asText()).isEqualTo("source");
        assertThat(soon.path("deadlines").path("statutory").get(0).path("state").asText()).isEqualTo("running");
        assertThat(caseIds("dueWithin=P2D")).contains(caseId);
        assertThat(caseIds("dueWithin=PT1H")).doesNotContain(caseId);
        assertThat(get("/api/cases/count?feed=livelihood&dueWithin=P2D").path("count").asLong()).isPositive();
        JsonNode request = get("/open311/v2/requests/" + caseId + ".json").get(0);
        assertThat(request.path("expected_datetime").asText())
                .isEqualTo(tomorrow.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")) + "+08:00");
    }

    @Test
    void anAnsweredOrderHasMetItsDeadlineAndAClosedOneStopsNothingItMet() {
        JsonNode answered = push("求助", 40, null, "已办结");

        assertThat(answered.path("deadlines").path("statutory").get(0).path("state").asText()).isEqualTo("met");
        assertThat(answered.path("deadlines").has("current")).isFalse();
        assertThat(caseIds("overdue=true")).doesNotContain(answered.path("caseId").asText());
    }

    @Test
    void aBadDueWithinIsAClearError() {
        HttpResponse<String> response = http.get("/api/cases?dueWithin=2days", TestClients.PROVINCE_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("dueWithin must be an ISO-8601 duration");
    }
}
