package org.casehub.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * README's scale-out story on real services: two packaged hubs started at the same moment against one Kafka, one
 * Artemis and one PostgreSQL — one consumer group, the pollers' and relays' leases — and the one holding the leases
 * killed (kill -9) mid-load.
 */
@Tag("production")
class TwoInstancesProductionIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** CASEHUB_LEASES_DURATION of the suite's hubs. */
    private static final Duration LEASE = Duration.ofSeconds(6);

    private static ProductionServices services;

    @BeforeAll
    static void startServices() {
        services = ProductionServices.start();
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void twoHubsStartedTogetherShareTheLoadAndTheSurvivorOfAKillTakesOverTheLeasesWithNothingLostOrDoubled() throws Exception {
        HubProcess a = HubProcess.start("hub-a", services.folder, environment("hub-a"));
        HubProcess b = HubProcess.start("hub-b", services.folder, environment("hub-b"));
        try (a; b; Connection index = services.index()) {
            a.awaitReady();
            b.awaitReady();
            // both alive: the load is shared (one consumer group, the leases) and nothing is done twice
            try (Load load = Load.start(services, 20, 100)) {
                complete(load, index);
            }
            assertThat(FeedEvidence.unifiedFeedComplete(services, index, PATIENCE)).as("events published twice").isZero();
            List<String> delivered = FeedEvidence.unitQueueComplete(services, index, List.of());

            try (Load load = Load.start(services, 60, 250)) {
                await("a third of the load offered").atMost(PATIENCE).until(() -> load.offered() >= 60);
                String holder = IndexQueries.strings(index, "SELECT holder FROM leader_lease WHERE name = 'relay:kafka'").get(0);
                HubProcess killed = holder.equals(a.name()) ? a : b;
                HubProcess survivor = killed == a ? b : a;

                killed.kill();
                long killedAt = System.nanoTime();
                // the leases of the flow, named (the other jobs — reminders, warnings, write-back — have leases of
                // their own, held by either hub); renewed every third of the lease, each is taken over about a lease
                // and a renewal period after the last renewal: three leases' time is the bound on a busy machine
                await("the survivor holds every lease of the flow").atMost(LEASE.multipliedBy(3))
                        .pollInterval(Duration.ofMillis(200)).until(() -> IndexQueries.count(index,
                                "SELECT COUNT(*) FROM leader_lease WHERE holder = ? AND expires_at > now() AND name IN"
                                + " ('relay:kafka', 'relay:artemis', 'feed:livelihood', 'feed:provincial-petition')",
                                survivor.name()) == 4);
                System.out.printf("production suite: %s took the leases over %d ms after %s was killed%n", survivor.name(),
                        Duration.ofNanos(System.nanoTime() - killedAt).toMillis(), killed.name());
                complete(load, index);
                assertThat(survivor.alive()).isTrue();
            }
            long twice = FeedEvidence.unifiedFeedComplete(services, index, PATIENCE);
            System.out.printf("production suite: %d feed events published twice around a kill -9 of the relay's holder%n", twice);
            FeedEvidence.unitQueueComplete(services, index, delivered);
            SingleHubProductionIT.assertNoUnmaskedPersonalData(a.log() + b.log());
        }
    }

    /** The whole load offered, indexed once, one case per grievance, every exchange row flagged. */
    static void complete(Load load, Connection index) {
        await("the whole load offered").atMost(PATIENCE).until(load::offeredAll);
        try {
            try {
                await("the whole load indexed").atMost(PATIENCE).until(() -> load.indexed(index) == load.offered());
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "; not indexed:\n" + load.missing(index), e);
            }
            assertThat(load.cases(index)).as("one case per grievance").isEqualTo(load.offered());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        await("every exchange row flagged").atMost(PATIENCE).until(() -> load.petitionsNotFlagged() == 0);
    }

    private static Map<String, String> environment(String name) {
        Map<String, String> environment = services.hubEnvironment(true);
        environment.put("CASEHUB_LEASES_HOLDER", name);
        return environment;
    }
}
