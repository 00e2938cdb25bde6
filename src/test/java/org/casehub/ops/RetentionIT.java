package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.security.TestClients;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The retention purge on the running hub: a case's published outbox rows and processed ids past their retention
 * go, its history stays, and an old version sent again still changes nothing.
 */
class RetentionIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    RetentionPurge purge;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void purgedProcessedIdsAndPublishedDeliveriesLeaveTheHistoryAndAResentOldVersionStaysStale() {
        String eventId = GridEvents.newEventId();
        try (GridEvents grid = new GridEvents(bootstrapServers())) {
            grid.send(eventId, GridEvents.event(eventId, 1, "HJ-ZS"));
            grid.send(eventId, GridEvents.event(eventId, 2, "HJ-ZS"));
            String caseId = await().atMost(PATIENCE).until(() -> caseOf(eventId), id -> id != null && revision(id) == 2);
            await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM outbox WHERE case_id = ? AND published_at IS NULL", caseId) == 0);
            // as if all this happened long ago: only this case's rows are old enough for the purge
            OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(400);
            JdbcTemplate owner = owner();
            owner.update("UPDATE outbox SET published_at = ? WHERE case_id = ?", longAgo, caseId);
            owner.update("UPDATE processed_id SET processed_at = ? WHERE case_id = ?", longAgo, caseId);

            RetentionPurge.Purged purged = purge.purge(Instant.now());

            assertThat(purged.processedIds()).isGreaterThanOrEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM outbox WHERE case_id = ?", caseId)).isZero();
            assertThat(count("SELECT COUNT(*) FROM processed_id WHERE case_id = ?", caseId)).isZero();
            assertThat(count("SELECT COUNT(*) FROM case_event WHERE case_id = ?", caseId)).isEqualTo(2);
            HubHttp http = new HubHttp(port);
            JsonNode shown = HubHttp.json(http.get("/api/cases/" + caseId, TestClients.OPERATOR_KEY));
            assertThat(shown.path("deliveries")).isEmpty();
            assertThat(HubHttp.json(http.get("/api/cases/" + caseId + "/events", TestClients.OPERATOR_KEY)).path("events")).hasSize(2);

            grid.send(eventId, GridEvents.event(eventId, 1, "HJ-ZS"));
            grid.send(eventId, GridEvents.event(eventId, 2, "HJ-ZS"));

            await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM processed_id WHERE case_id = ? AND outcome = 'STALE'",
                    caseId) == 2);
            assertThat(revision(caseId)).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM case_event WHERE case_id = ?", caseId)).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM outbox WHERE case_id = ?", caseId)).isZero();
        }
    }

    /** The owner role (PostgreSQL): the hub's own role may not rewrite when an id was processed. */
    private JdbcTemplate owner() {
        String user = environment.getProperty("spring.flyway.user");
        return user == null ? jdbc : new JdbcTemplate(new DriverManagerDataSource(
                environment.getProperty("spring.datasource.url"), user, environment.getProperty("spring.flyway.password")));
    }

    private String caseOf(String eventId) {
        return jdbc.queryForList("SELECT case_id FROM source_record WHERE feed = 'public-safety' AND record_id = ?", String.class,
                eventId).stream().findFirst().orElse(null);
    }

    private int revision(String caseId) {
        return jdbc.queryForObject("SELECT revision FROM hub_case WHERE case_id = ?", Integer.class, caseId);
    }

    private int count(String sql, Object... parameters) {
        return jdbc.queryForObject(sql, Integer.class, parameters);
    }
}
