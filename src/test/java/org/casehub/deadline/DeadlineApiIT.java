package org.casehub.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Deadlines computed as the index stores a case, shown and filtered by the case API and Open311, through real HTTP. */
class DeadlineApiIT extends HubTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    DeadlineCounts counts;

    private WorkOrderPushes orders;
    private HubHttp http;

    @BeforeEach
    void client() {
        orders = new WorkOrderPushes(port, webhookHeaders());
        http = new HubHttp(port);
    }

    private JsonNode push(String kind, int daysAgo, LocalDateTime ownDeadline, String state) {
        return orders.push(WorkOrderPushes.newOrderNo(), kind, WorkOrderPushes.now().minusDays(daysAgo), ownDeadline, state);
    }

    private List<String> caseIds(String query) {
        List<String> ids = new ArrayList<>();
        orders.get("/api/cases?feed=livelihood&limit=500&" + query).path("items")
                .forEach(c -> ids.add(c.path("caseId").asText()));
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
        LocalDateTime tomorrow = WorkOrderPushes.now().plusDays(1);
        JsonNode soon = push("投诉", 1, tomorrow, "办理中");
        String caseId = soon.path("caseId").asText();

        assertThat(soon.path("deadlines").path("statutory").get(0).path("origin").asText()).isEqualTo("source");
        assertThat(soon.path("deadlines").path("statutory").get(0).path("state").asText()).isEqualTo("running");
        assertThat(caseIds("dueWithin=P2D")).contains(caseId);
        assertThat(caseIds("dueWithin=PT1H")).doesNotContain(caseId);
        assertThat(orders.get("/api/cases/count?feed=livelihood&dueWithin=P2D").path("count").asLong()).isPositive();
        JsonNode request = orders.get("/open311/v2/requests/" + caseId + ".json").get(0);
        assertThat(request.path("expected_datetime").asText())
                .isEqualTo(tomorrow.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")) + "+08:00");
    }

    @Test
    void anAnsweredOrderHasMetItsDeadlineAndIsNotOverdue() {
        JsonNode answered = push("求助", 40, null, "已办结");

        assertThat(answered.path("deadlines").path("statutory").get(0).path("state").asText()).isEqualTo("met");
        assertThat(answered.path("deadlines").has("current")).isFalse();
        assertThat(caseIds("overdue=true")).doesNotContain(answered.path("caseId").asText());
    }

    @Test
    void theStatusPageAndTheMetricsCountOverdueAndDueSoonDeadlinesPerUnit() {
        String unit = push("咨询", 40, null, "办理中").path("deadlines").path("statutory").get(0).path("unit").asText();
        push("投诉", 1, WorkOrderPushes.now().plusHours(12), "办理中");

        counts.refresh();

        JsonNode section = HubHttp.json(anonymous("/status.json")).path("deadlines");
        assertThat(section.path("available").asBoolean()).isTrue();
        assertThat(section.path("calendar").has("lastKnownYear")).isTrue();
        JsonNode row = section.path("units").findParents("unit").stream()
                .filter(u -> u.path("unit").asText().equals(unit)).findFirst().orElseThrow();
        assertThat(row.path("overdue").asLong()).isPositive();
        assertThat(row.path("dueSoon").asLong()).isPositive();
        String prometheus = anonymous("/actuator/prometheus").body();
        assertThat(prometheus).containsPattern("casehub_deadlines_overdue\\{[^}]*unit=\"" + unit + "\"")
                .containsPattern("casehub_deadlines_due_soon\\{[^}]*unit=\"" + unit + "\"");
        // every metric the deadlines dashboard plots is there
        java.util.regex.Matcher plotted = java.util.regex.Pattern.compile("\\b(casehub_deadlines_[a-z_]+)\\{")
                .matcher(read("config/dashboards/casehub-deadlines.json"));
        int metrics = 0;
        while (plotted.find()) {
            assertThat(prometheus).contains(plotted.group(1) + "{");
            metrics++;
        }
        assertThat(metrics).isGreaterThanOrEqualTo(4);
    }

    private HttpResponse<String> anonymous(String path) {
        return http.send("GET", path, java.util.Map.of(), java.net.http.HttpRequest.BodyPublishers.noBody());
    }

    private static String read(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aBadDueWithinIsAClearError() {
        HttpResponse<String> response = orders.getRaw("/api/cases?dueWithin=2days");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("dueWithin must be an ISO-8601 duration");
    }
}
