package org.casehub.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.net.http.HttpResponse;
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
import org.casehub.core.BeijingTime;
import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.casehub.publish.OutboxRepository;
import org.casehub.security.TestClients;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.casehub.support.PetitionRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Reminders through the real index, outbox and unit relay (embedded Artemis): once per threshold whoever sends them —
 * the hub's own scheduler, two more instances at once, and an instance started afresh on the same database as after a
 * restart — to the unit, and when overdue to the tier above too; none for a closed case. A petition's handling
 * limit, extended by a unit's 延期 report, is reminded against its new due time, and a re-placed case's reminder goes to
 * its new unit: the scheduler is run as of days ahead, so that weeks of a limit pass within the test.
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

    @Autowired
    @Qualifier(ExchangeDatabaseConfiguration.JDBC)
    JdbcTemplate exchange;

    /** it-unit speaks for 东门街道 */
    private static final String DONGMEN = "440303003";

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

    /** A petition placed at 东门街道, accepted by its unit: its handling deadline has started. */
    private String acceptedPetition(String xfjbh) {
        PetitionRows.insert(exchange, xfjbh, DONGMEN, "罗湖区东门街道", LocalDateTime.now(BeijingTime.ZONE).withNano(0));
        await().atMost(Duration.ofSeconds(90)).until(() -> !jdbc.queryForList("SELECT case_id FROM source_record"
                + " WHERE feed = 'provincial-petition' AND record_id = ?", String.class, xfjbh).isEmpty());
        String caseId = jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = 'provincial-petition'"
                + " AND record_id = ?", String.class, xfjbh);
        ours.add(caseId);
        HttpResponse<String> accepted = report(caseId, "受理", null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        return caseId;
    }

    private HttpResponse<String> report(String caseId, String state, String reason) {
        String body = "{\"resultId\": \"D-" + state + "-" + UUID.randomUUID() + "\", \"state\": \"" + state + "\","
                + (reason == null ? "" : " \"reason\": \"" + reason + "\",") + " \"time\": \"2026-12-05 09:30:00\"}";
        return new HubHttp(port).post("/api/cases/" + caseId + "/progress", Map.of("X-Api-Key", TestClients.UNIT_KEY,
                "Content-Type", "application/json"), body);
    }

    private Deadline handling(String caseId) {
        return deadlines.byCase(List.of(caseId)).get(caseId).get("handling");
    }

    private List<Map<String, Object>> handlingReminders(String caseId) {
        return jdbc.queryForList("SELECT level, due_at, unit_code, event_id FROM deadline_reminder"
                + " WHERE case_id = ? AND kind = 'handling' ORDER BY sent_at", caseId);
    }

    private long remindersFor(String caseId, String level, OffsetDateTime due) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM deadline_reminder WHERE case_id = ? AND kind = 'handling'"
                + " AND level = ? AND due_at = ?", Long.class, caseId, level, due);
    }

    @Test
    void anExtendedPetitionGetsNoRedAtDaySixtyAndIsRemindedAgainstItsNewDueTime() {
        String caseId = acceptedPetition(PetitionRows.newXfjbh());
        Deadline sixty = handling(caseId);
        OffsetDateTime start = sixty.startedAt();
        DeadlineReminders reminders = instance();
        reminders.round(start.plusDays(59));
        assertThat(remindersFor(caseId, "yellow", sixty.dueAt())).as("yellow near day 60").isEqualTo(1);

        HttpResponse<String> extended = report(caseId, "延期", "涉及多部门协调，经批准延长办理期限");

        assertThat(extended.statusCode()).as(extended.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT status FROM hub_case WHERE case_id = ?", String.class, caseId))
                .as("an extension leaves the status").isEqualTo("accepted");
        Deadline ninety = handling(caseId);
        assertThat(ninety.extended()).isTrue();
        assertThat(ninety.startedAt()).isEqualTo(start);
        assertThat(ninety.dueAt()).isEqualTo(sixty.dueAt().plusDays(30));
        JsonNode shown = orders.get("/api/cases/" + caseId).path("case");
        assertThat(shown.path("deadlines").path("extended").asBoolean()).isTrue();
        assertThat(shown.path("process").path("extension").path("reason").asText()).isEqualTo("涉及多部门协调，经批准延长办理期限");
        JsonNode statutory = shown.path("deadlines").path("statutory").findParents("kind").stream()
                .filter(d -> "handling".equals(d.path("kind").asText())).findFirst().orElseThrow();
        assertThat(statutory.path("rule").asText()).contains("已延期，共90日");

        // day 61: past the old due time, but nothing is overdue any more
        reminders.round(start.plusDays(61));
        assertThat(handlingReminders(caseId)).extracting(r -> r.get("LEVEL")).containsExactly("yellow");
        // day 73: yellow again, against the new due time; day 91: red, to the unit and the tier above
        reminders.round(start.plusDays(73));
        assertThat(remindersFor(caseId, "yellow", ninety.dueAt())).isEqualTo(1);
        reminders.round(start.plusDays(91));
        assertThat(remindersFor(caseId, "red", ninety.dueAt())).isEqualTo(1);
        assertThat(remindersFor(caseId, "red", sixty.dueAt())).isZero();
        String red = (String) handlingReminders(caseId).get(2).get("EVENT_ID");
        assertThat(destinations(red)).containsExactlyInAnyOrder("artemis:casehub.unit." + DONGMEN, "artemis:casehub.unit.440303");

        // a limit is extended once
        HttpResponse<String> again = report(caseId, "延期", "仍需时间");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("extended once");
        assertThat(handling(caseId).dueAt()).isEqualTo(ninety.dueAt());
        allPublished(caseId);
    }

    @Test
    void aPetitionPlacedAnewIsRemindedAtItsNewUnit() {
        String xfjbh = PetitionRows.newXfjbh();
        String caseId = acceptedPetition(xfjbh);
        OffsetDateTime start = handling(caseId).startedAt();
        instance().round(start.plusDays(59));
        assertThat(handlingReminders(caseId)).extracting(r -> r.get("UNIT_CODE")).containsExactly(DONGMEN);

        // the province re-places the petition in 南山区
        exchange.update("UPDATE XF_JBXX_EXCHANGE SET WTSDD = '440305', XXDZ = '南山区粤海街道', SJC = ?, CLBZ = '0'"
                + " WHERE XFJBH = ?", LocalDateTime.now(BeijingTime.ZONE).withNano(0).plusSeconds(1), xfjbh);
        await().atMost(Duration.ofSeconds(90)).until(() -> !DONGMEN.equals(handling(caseId).unit()));
        instance().round(start.plusDays(59));

        List<Map<String, Object>> sent = handlingReminders(caseId);
        assertThat(sent).extracting(r -> r.get("LEVEL")).containsExactly("yellow", "yellow");
        assertThat((String) sent.get(1).get("UNIT_CODE")).startsWith("440305");
        assertThat(destinations((String) sent.get(1).get("EVENT_ID")))
                .containsExactly("artemis:casehub.unit." + sent.get(1).get("UNIT_CODE"));
        assertThat(handling(caseId).startedAt()).as("the clock keeps running from acceptance").isEqualTo(start);
    }
}
