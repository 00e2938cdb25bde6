package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.index.ProcessedIdRepository;
import org.casehub.publish.OutboxRepository;
import org.casehub.quarantine.QuarantineRepository;
import org.casehub.quarantine.ReplayJobRepository;
import org.casehub.support.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The retention purge on the real schema (H2, migrated by Flyway): what goes, and what always stays. */
class RetentionPurgeTest {

    private static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");

    private JdbcTemplate jdbc;
    private RetentionPurge purge;

    @BeforeEach
    void schema() {
        DriverManagerDataSource db = MemoryIndex.migrated("retention");
        jdbc = new JdbcTemplate(db);
        // the purge opens no payload: the quarantine's owner needs no cipher here
        purge = new RetentionPurge(new OutboxRepository(jdbc), new ProcessedIdRepository(jdbc),
                new QuarantineRepository(jdbc, new ObjectMapper(), null), new ReplayJobRepository(jdbc), new RetentionProperties(Period.ofDays(30), Period.ofDays(90), Period.ofDays(30),
                "0 0 4 * * *", ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void publishedOutboxRowsAndTheUnitsDeliveredCountsGoAfterTheirRetentionPendingRowsNever() {
        outbox("old-published", daysAgo(40), daysAgo(40));
        outbox("old-pending", daysAgo(40), null);
        outbox("recent-published", daysAgo(2), daysAgo(1));
        jdbc.update("INSERT INTO tier_delivered (at_minute, tier, messages) VALUES (?, 'city', 5), (?, 'city', 7)",
                daysAgo(40), daysAgo(1));

        assertThat(purge.purge(NOW).publishedOutbox()).isEqualTo(1);

        assertThat(jdbc.queryForList("SELECT event_id FROM outbox ORDER BY event_id", String.class))
                .containsExactly("old-pending", "recent-published");
        assertThat(jdbc.queryForList("SELECT messages FROM tier_delivered", Long.class)).containsExactly(7L);
    }

    @Test
    void processedIdsGoAfterTheirRetentionInBatchesUntilNoneIsLeft() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            rows.add(new Object[] {"public-safety:PA" + i + ":1", daysAgo(100)});
        }
        rows.add(new Object[] {"public-safety:PA-recent:1", daysAgo(10)});
        jdbc.batchUpdate("INSERT INTO processed_id (idempotency_key, case_id, outcome, processed_at) VALUES (?, NULL, 'CREATED', ?)",
                rows);

        assertThat(purge.purge(NOW).processedIds()).isEqualTo(2500);

        assertThat(jdbc.queryForList("SELECT idempotency_key FROM processed_id", String.class))
                .containsExactly("public-safety:PA-recent:1");
    }

    @Test
    void settledQuarantineAndFinishedReplaysGoAfterTheirRetentionOpenRowsAndTheHistoryNever() {
        quarantine("discarded", daysAgo(400), daysAgo(40));
        quarantine("replayed", daysAgo(400), daysAgo(40));
        quarantine("open", daysAgo(400), null);
        quarantine("discarded", daysAgo(2), daysAgo(1));
        replay("old", daysAgo(40));
        replay("running", null);
        jdbc.update("INSERT INTO case_event (event_id, case_id, revision, event_type, source, feed, event_time, event_json)"
                + " VALUES ('C1:1', 'C1', 1, 'org.casehub.case.created', '/casehub/feeds/f', 'f', ?, '{}')", daysAgo(4000));

        RetentionPurge.Purged purged = purge.purge(NOW);

        assertThat(purged.settledQuarantine()).isEqualTo(2);
        assertThat(purged.finishedReplays()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT state FROM quarantine ORDER BY id", String.class)).containsExactly("open", "discarded");
        assertThat(jdbc.queryForList("SELECT id FROM quarantine_replay", String.class)).containsExactly("running");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_event", Integer.class)).isEqualTo(1);
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefusedAtStart() {
        assertThatThrownBy(() -> new RetentionProperties(Period.ZERO, Period.ofDays(90), Period.ofDays(30), "0 0 4 * * *",
                ZoneId.of("Asia/Shanghai"))).hasMessageContaining("positive");
    }

    private static OffsetDateTime daysAgo(int days) {
        return NOW.minus(days, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC);
    }

    private void outbox(String eventId, OffsetDateTime created, OffsetDateTime published) {
        jdbc.update("INSERT INTO outbox (event_id, case_id, destination, channel, created_at, published_at)"
                + " VALUES (?, 'C1', 'kafka:casehub.cases', 'kafka', ?, ?)", eventId, created, published);
    }

    private void quarantine(String state, OffsetDateTime received, OffsetDateTime settled) {
        jdbc.update("INSERT INTO quarantine (feed, stage, reasons, payload_sealed, key_id, received_at, state, state_changed_at)"
                + " VALUES ('f', 'decode', '[]', X'00', 'k', ?, ?, ?)", received, state, settled);
    }

    private void replay(String id, OffsetDateTime finished) {
        jdbc.update("INSERT INTO quarantine_replay (id, requested_by, requested_at, criteria, state, total, done, passed, failed,"
                + " skipped, updated_at, finished_at) VALUES (?, 'op', ?, '{}', 'finished', 0, 0, 0, 0, 0, ?, ?)",
                id, daysAgo(50), daysAgo(50), finished);
    }
}
