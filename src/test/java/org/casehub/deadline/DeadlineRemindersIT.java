package org.casehub.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.cluster.LeaderLeases;
import org.casehub.cluster.LeaseProperties;
import org.casehub.publish.OutboxRepository;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Reminders through the real index, outbox and unit relay (embedded Artemis): once per threshold whoever sends them —
 * the hub's own scheduler, two more instances at once, and an instance started afresh on the same database as after a
 * restart — to the unit, and when overdue to the tier above too; none for a closed case.
 */
class DeadlineRemindersIT extends HubTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    DeadlineRepository deadlines;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ObjectMapper json;

    private WorkOrderPushes orders;

    @BeforeEach
    void client() {
        orders = new WorkOrderPushes(port, webhookHeaders());
    }

    /**
     * Another hub instance's reminder scheduler on the same database, with nothing in memory (as after a restart);
     * leases off, so that it always looks and only the reminder rows keep it from sending twice.
     */
    private DeadlineReminders instance() {
        DeadlineRepository onlyOurs = new DeadlineRepository(jdbc) {
            @Override
            List<Deadline> remindersDue(OffsetDateTime now, int limit) {
                // the other ITs' cases in this shared database are theirs: no reminder of ours lands on their units
                return super.remindersDue(now, limit).stream().filter(d -> ours.contains(d.caseId())).toList();
            }
        };
        return new DeadlineReminders(onlyOurs, outbox,
                new LeaderLeases(jdbc, new LeaseProperties(false, Duration.ofSeconds(30), "it-" + UUID.randomUUID())),
                transactions, json, true);
    }

    private final Set<String> ours = ConcurrentHashMap.newKeySet();

    private String push(String orderNo, String kind, LocalDateTime accepted, LocalDateTime ownDeadline, String state) {
        String caseId = orders.push(orderNo, kind, accepted, ownDeadline, state).path("caseId").asText();
        ours.add(caseId);
        return caseId;
    }

    private List<Map<String, Object>> reminders(String caseId) {
        return jdbc.queryForList("SELECT level, unit_code, event_id FROM deadline_reminder WHERE case_id = ? ORDER BY sent_at",
                caseId);
    }

    private List<String> destinations(String eventId) {
        return jdbc.queryForList("SELECT destination FROM outbox WHERE event_id = ? ORDER BY destination", String.class,
                eventId);
    }

    private void allPublished(String caseId) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox o JOIN deadline_reminder r ON r.event_id = o.event_id"
                        + " WHERE r.case_id = ? AND o.published_at IS NULL", Integer.class, caseId)).isZero());
    }

    private static void concurrently(DeadlineReminders... instances) {
        CompletableFuture.allOf(java.util.Arrays.stream(instances)
                .map(i -> CompletableFuture.runAsync(i::round)).toArray(CompletableFuture[]::new)).join();
    }

    @Test
    void aYellowReminderGoesToTheUnitOnceWhateverTheInstancesAndRestartsThenARedOneAlsoToTheTierAbove() {
        LocalDateTime now = WorkOrderPushes.now();
        String orderNo = WorkOrderPushes.newOrderNo();
        // accepted 20 h ago, due in 2 h: past 80 % of its limit
        String caseId = push(orderNo, "投诉", now.minusHours(20), now.plusHours(2), "办理中");

        concurrently(instance(), instance(), instance());
        instance().round();

        List<Map<String, Object>> sent = reminders(caseId);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).containsEntry("LEVEL", "yellow");
        String unit = (String) sent.get(0).get("UNIT_CODE");
        assertThat(unit).startsWith("440305");
        String yellowEvent = (String) sent.get(0).get("EVENT_ID");
        assertThat(destinations(yellowEvent)).containsExactly("artemis:casehub.unit." + unit);
        assertThat(jdbc.queryForObject("SELECT event_type FROM case_event WHERE event_id = ?", String.class, yellowEvent))
                .isEqualTo(DeadlineReminders.TYPE);
        JsonNode data = orders.get("/api/cases/" + caseId + "/events").path("events").findValues("data").stream()
                .filter(d -> d.has("level")).findFirst().orElseThrow();
        assertThat(data.path("level").asText()).isEqualTo("yellow");
        assertThat(data.path("unit").asText()).isEqualTo(unit);
        assertThat(data.path("deadline").path("kind").asText()).isEqualTo("answer");
        // and the case's timeline lists it as a reminder
        JsonNode reminder = orders.get("/api/cases/" + caseId + "/timeline").path("entries").findParents("kind").stream()
                .filter(e -> "reminder".equals(e.path("kind").asText())).findFirst().orElseThrow();
        assertThat(reminder.path("level").asText()).isEqualTo("yellow");
        assertThat(reminder.path("unit").asText()).isEqualTo(unit);

        // the platform moves the deadline into the past: re-planned, now red, to the unit and the tier above
        push(orderNo, "投诉", now.minusHours(20), now.minusMinutes(5), "办理中");
        concurrently(instance(), instance());
        instance().round();

        List<Map<String, Object>> after = reminders(caseId);
        assertThat(after).extracting(r -> r.get("LEVEL")).containsExactlyInAnyOrder("yellow", "red");
        String redEvent = (String) after.stream().filter(r -> "red".equals(r.get("LEVEL"))).findFirst().orElseThrow()
                .get("EVENT_ID");
        String supervisor = unit.length() == 12 ? unit.substring(0, 9) : unit.substring(0, 6);
        assertThat(destinations(redEvent)).containsExactlyInAnyOrder("artemis:casehub.unit." + unit,
                "artemis:casehub.unit." + supervisor);
        allPublished(caseId);
    }

    @Test
    void aClosedCaseIsNeverReminded() {
        LocalDateTime now = WorkOrderPushes.now();
        String closed = push(WorkOrderPushes.newOrderNo(), "咨询", now.minusDays(30), null, "已办结");

        concurrently(instance(), instance());

        assertThat(reminders(closed)).isEmpty();
    }

    @Test
    void aCaseClosedAfterItsYellowReminderGetsNoRed() {
        LocalDateTime now = WorkOrderPushes.now();
        String orderNo = WorkOrderPushes.newOrderNo();
        String caseId = push(orderNo, "投诉", now.minusHours(20), now.plusHours(2), "办理中");
        instance().round();
        assertThat(reminders(caseId)).hasSize(1);

        push(orderNo, "投诉", now.minusHours(20), now.minusMinutes(5), "已办结");
        instance().round();

        assertThat(reminders(caseId)).extracting(r -> r.get("LEVEL")).containsExactly("yellow");
    }
}
