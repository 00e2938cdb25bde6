package org.casehub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.casehub.support.GridEvents;
import org.casehub.support.StandaloneHub;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stopping the hub while a feed's batches are in flight loses nothing and half-applies nothing: Camel lets the
 * running batch finish (or abandons it before its transaction commits, with its offsets uncommitted), and a hub
 * started again on the same data folder stores every record exactly once — one case, one event, one processed id
 * each — and publishes every outbox row.
 */
class GracefulShutdownIT {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdownIT.class);
    private static final int RECORDS = 3000;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Test
    void recordsInFlightWhenTheHubStopsAreStoredExactlyOnceByTheHubStartedAgain() {
        StandaloneHub hub = new StandaloneHub();
        long first = ThreadLocalRandom.current().nextLong(10_000_000_000L, 90_000_000_000L);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            events.add(GridEvents.event(String.format("PA%014d", first + i), 1, "HJ-ZS"));
        }

        int storedAtStop;
        try (ConfigurableApplicationContext running = hub.start()) {
            JdbcTemplate jdbc = running.getBean(JdbcTemplate.class);
            try (GridEvents grid = new GridEvents(hub.bootstrapServers())) {
                grid.sendAllAtOnce(events);
            }
            await().atMost(PATIENCE).until(() -> stored(jdbc) > 0);
            storedAtStop = stored(jdbc);
        }
        log.info("the hub stopped with {} of {} records stored", storedAtStop, RECORDS);

        try (ConfigurableApplicationContext restarted = hub.start()) {
            JdbcTemplate jdbc = restarted.getBean(JdbcTemplate.class);
            await().atMost(PATIENCE).until(() -> stored(jdbc) == RECORDS);
            await().atMost(PATIENCE).until(() -> count(jdbc, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL") == 0);

            assertThat(count(jdbc, "SELECT COUNT(*) FROM hub_case")).isEqualTo(RECORDS);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM hub_case WHERE revision <> 1")).isZero();
            assertThat(count(jdbc, "SELECT COUNT(*) FROM case_event WHERE event_type = 'org.casehub.case.created'")).isEqualTo(RECORDS);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM case_event")).isEqualTo(RECORDS);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM processed_id WHERE outcome = 'CREATED'")).isEqualTo(RECORDS);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM outbox WHERE channel = 'kafka'")).isEqualTo(RECORDS);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM quarantine")).isZero();
        }
    }

    private static int stored(JdbcTemplate jdbc) {
        return count(jdbc, "SELECT COUNT(*) FROM source_record WHERE feed = 'public-safety'");
    }

    private static int count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
