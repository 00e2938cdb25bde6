package org.casehub.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults on the real services under load, one hub: the index PostgreSQL restarted, the Artemis broker stopped 30 s,
 * the source Kafka stopped 30 s. Each ends with nothing lost and no duplicate effect; throughout, health, the feeds
 * API and the status page answer within a second, saying DOWN for what is down. At the end no feed event was
 * published twice across the faults.
 */
@Tag("production")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsProductionIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static ProductionServices services;
    private static HubProcess hub;
    private static Connection index;
    private static List<String> delivered = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        services = ProductionServices.start();
        hub = HubProcess.start("hub", services.folder, services.hubEnvironment(true)).awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (index != null) {
                index.close();
            }
        } finally {
            if (hub != null) {
                hub.close();
            }
            if (services != null) {
                services.close();
            }
        }
    }

    @Test
    @Order(1)
    void theIndexDatabaseRestartedMidLoadTheHubRecoversByItselfAndLosesNothing() throws Exception {
        try (Load load = Load.start(services, 30, 200); OpsProbe probe = OpsProbe.start(hub)) {
            await("a third offered").atMost(PATIENCE).until(() -> load.offered() >= 30);
            services.postgres.stop();
            try {
                await("health DOWN while the database is down").atMost(Duration.ofSeconds(20))
                        .until(() -> probe.sawDown("/actuator/health"));
            } finally {
                services.postgres.start();
            }
            TwoInstancesProductionIT.complete(load, reconnect());
            answeredInTime(probe);
        }
        delivered = FeedEvidence.unitQueueComplete(services, reconnect(), delivered);
        assertThat(hub.alive()).isTrue();
    }

    @Test
    @Order(2)
    void theArtemisBrokerStoppedThirtySecondsDeliveriesResumeAndEachUnitGetsEachEventOnce() throws Exception {
        try (Load load = Load.start(services, 30, 200); OpsProbe probe = OpsProbe.start(hub)) {
            await("a third offered").atMost(PATIENCE).until(() -> load.offered() >= 30);
            services.artemis.stop();
            long stoppedAt = System.nanoTime();
            try {
                await("health DOWN while the broker is down").atMost(Duration.ofSeconds(20))
                        .until(() -> probe.sawDown("/actuator/health"));
                outageLasts(stoppedAt);
            } finally {
                services.artemis.start();
            }
            TwoInstancesProductionIT.complete(load, reconnect());
            answeredInTime(probe);
        }
        delivered = FeedEvidence.unitQueueComplete(services, reconnect(), delivered);
    }

    @Test
    @Order(3)
    void theSourceKafkaStoppedThirtySecondsPublicSafetyIsDownWhileTheOtherFeedsFlowThenCatchesUp() throws Exception {
        try (Load load = Load.start(services, 30, 200); OpsProbe probe = OpsProbe.start(hub)) {
            await("a third offered").atMost(PATIENCE).until(() -> load.offered() >= 30);
            services.kafka.stop();
            long stoppedAt = System.nanoTime();
            int ordersBefore = load.workOrders.size();
            try {
                await("public-safety DOWN").atMost(Duration.ofSeconds(25)).ignoreExceptions().until(() ->
                        hub.get("/actuator/health/feeds/public-safety", null, OpsProbe.BOUND).body().contains("\"DOWN\""));
                // the other feeds flow meanwhile: work orders offered during the outage are indexed during it
                await("livelihood flowing while Kafka is down").atMost(OUTAGE).until(() -> IndexQueries.count(reconnect(),
                        "SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id = ?",
                        load.workOrders.get(Math.min(load.workOrders.size() - 1, ordersBefore + 2))) == 1);
                outageLasts(stoppedAt);
            } finally {
                services.kafka.start();
            }
            await("public-safety UP").atMost(PATIENCE).ignoreExceptions().until(() ->
                    hub.get("/actuator/health/feeds/public-safety", null, OpsProbe.BOUND).body().contains("\"UP\""));
            TwoInstancesProductionIT.complete(load, reconnect());
            answeredInTime(probe);
        }
        delivered = FeedEvidence.unitQueueComplete(services, reconnect(), delivered);
    }

    /**
     * Across the three faults the unified feed carries every event of the index once: neither an outage of the index
     * database between a send and its marking nor a Kafka outage makes the relay send an event again.
     */
    @Test
    @Order(4)
    void acrossTheFaultsTheUnifiedFeedCarriesEveryEventOnce() throws Exception {
        long twice = FeedEvidence.unifiedFeedComplete(services, reconnect(), PATIENCE);
        System.out.printf("production suite: %d feed events published twice across the faults%n", twice);
        assertThat(twice).as("feed events published twice across the faults").isZero();
    }

    private static void answeredInTime(OpsProbe probe) {
        System.out.printf("production suite: %d ops answers, %d late in short runs between timely ones%n",
                probe.answers().size(), probe.isolatedLate());
        assertThat(probe.late()).as("answers later than %s or none, three times running", OpsProbe.BOUND).isEmpty();
    }

    /** Waits until the outage begun at {@code stoppedAt} (System.nanoTime) has lasted {@link #OUTAGE}. */
    private static void outageLasts(long stoppedAt) {
        Duration left = OUTAGE.minusNanos(System.nanoTime() - stoppedAt);
        if (!left.isNegative()) {
            await().pollDelay(left).atMost(left.plusSeconds(5)).until(() -> true);
        }
    }

    /** A connection to the index that survives the database's restart. */
    private static Connection reconnect() throws Exception {
        if (index == null || !index.isValid(2)) {
            index = services.index();
        }
        return index;
    }
}
