package org.casehub.publish;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.casehub.cluster.LeaderLeases;
import org.casehub.cluster.LeaseProperties;
import org.casehub.support.MemoryIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The real outbox schema on an H2 database of its own (migrated by Flyway), filled with events as the index does. */
final class TestOutbox {

    private final JdbcTemplate jdbc;

    TestOutbox() {
        DriverManagerDataSource db = MemoryIndex.migrated("outbox");
        jdbc = new JdbcTemplate(db);
    }

    OutboxRepository repository() {
        return new OutboxRepository(jdbc);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Leases off: this relay is the only one. */
    LeaderLeases leases() {
        return new LeaderLeases(jdbc, new LeaseProperties(false, Duration.ofSeconds(30), "test"));
    }

    /** A revision of a case for the unified feed; its event JSON holds its id and revision. */
    void event(String caseId, int revision, String destination) {
        String eventId = caseEvent(caseId, revision);
        jdbc.update("INSERT INTO outbox (event_id, case_id, destination, channel, created_at) VALUES (?, ?, ?, 'kafka', ?)",
                eventId, caseId, destination, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** A revision of a case for these units, in one outbox row as the index writes it; returns its event id. */
    String unitEvent(String caseId, int revision, String... addresses) {
        String eventId = caseEvent(caseId, revision);
        repository().insertOutbox(List.of(OutboxRepository.OutboxWrite.toUnits(eventId, caseId,
                Stream.of(addresses).map(a -> "artemis:" + a).toList(), OffsetDateTime.now(ZoneOffset.UTC))));
        return eventId;
    }

    /** A revision of a case in its history, without outbox rows; returns its event id. */
    String caseEvent(String caseId, int revision) {
        String eventId = caseId + ":" + revision;
        jdbc.update("INSERT INTO case_event (event_id, case_id, revision, event_type, source, feed, event_time, event_json)"
                        + " VALUES (?, ?, ?, 'org.casehub.case.updated', '/casehub/feeds/test', 'test', ?, ?)",
                eventId, caseId, revision, OffsetDateTime.now(ZoneOffset.UTC),
                "{\"id\":\"" + eventId + "\",\"revision\":" + revision + "}");
        return eventId;
    }

    /** Runs the work in one transaction of this database, as the index transaction runs. */
    void inTransaction(Runnable work) {
        new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
                .executeWithoutResult(status -> work.run());
    }

    List<String> published() {
        return jdbc.queryForList("SELECT event_id FROM outbox WHERE published_at IS NOT NULL", String.class);
    }

    int pending() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL", Integer.class);
    }
}
