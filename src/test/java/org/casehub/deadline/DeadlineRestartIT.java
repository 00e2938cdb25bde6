package org.casehub.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.casehub.core.Ulid;
import org.casehub.support.StandaloneHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** A hub's own reminder scheduler, stopped and started again on the same data: each reminder is sent once. */
class DeadlineRestartIT {

    private final StandaloneHub hubs = new StandaloneHub().with("casehub.deadlines.reminders", true)
            .with("casehub.deadlines.reminder-period", "PT0.3S");
    private ConfigurableApplicationContext hub;

    @AfterEach
    void closeTheHub() {
        if (hub != null) {
            hub.close();
        }
    }

    /** Puts a running deadline of a case at 京光社区 (南山区粤海街道) into the index, as the index transaction would. */
    private static void deadline(ConfigurableApplicationContext hub, String caseId, OffsetDateTime started, OffsetDateTime due) {
        OffsetDateTime yellow = started.plus(Duration.between(started, due).multipliedBy(8).dividedBy(10));
        Deadline row = new Deadline(caseId, "answer", "test rule", "computed", "hours", true, false, started, due, yellow,
                Deadline.RUNNING, null, "440305007012", "440305007", 1);
        DeadlineRepository repository = hub.getBean(DeadlineRepository.class);
        new TransactionTemplate(hub.getBean(PlatformTransactionManager.class))
                .executeWithoutResult(s -> repository.replace(List.of(caseId), List.of(row)));
    }

    private static List<String> levels(ConfigurableApplicationContext hub, String caseId) {
        return hub.getBean(JdbcTemplate.class).queryForList("SELECT level FROM deadline_reminder WHERE case_id = ?"
                + " ORDER BY sent_at", String.class, caseId);
    }

    private static int unpublished(ConfigurableApplicationContext hub, String caseId) {
        return hub.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM outbox WHERE case_id = ?"
                + " AND published_at IS NULL", Integer.class, caseId);
    }

    @Test
    void eachReminderIsSentOnceAcrossARestart() {
        String caseId = Ulid.next();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        hub = hubs.start();
        deadline(hub, caseId, now.minusHours(9), now.plusHours(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> levels(hub, caseId).equals(List.of("yellow")));
        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(hub, caseId) == 0);
        hub.close();

        hub = hubs.start();
        // many rounds of the restarted scheduler: the yellow reminder is not sent again
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> levels(hub, caseId).equals(List.of("yellow")));
        // the deadline is now overdue (moved earlier): red, once, to the unit and the street above it
        deadline(hub, caseId, now.minusHours(9), now.minusMinutes(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> levels(hub, caseId).equals(List.of("yellow", "red")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> levels(hub, caseId).equals(List.of("yellow", "red")));
        assertThat(hub.getBean(JdbcTemplate.class).queryForList("SELECT o.destination FROM outbox o JOIN deadline_reminder r"
                + " ON r.event_id = o.event_id WHERE r.case_id = ? AND r.level = 'red' ORDER BY o.destination", String.class,
                caseId)).containsExactly("artemis:casehub.unit.440305007", "artemis:casehub.unit.440305007012");
        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(hub, caseId) == 0);
    }
}
