package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.embedded.FreePorts;
import org.casehub.health.OpsProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * What the hub sees of an external Artemis, as a client through its management address: a broker of its own in
 * this JVM, reached only over TCP (the hub's embedded broker is absent).
 */
class ExternalBrokerTest {

    private static final OpsProperties OPS = new OpsProperties(Duration.ofMinutes(5), Duration.ofSeconds(2),
            Duration.ofHours(24), 10_000, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(15), 10, Duration.ofMinutes(5),
            Duration.ZERO);

    @TempDir
    Path data;

    private ConfigurationImpl configuration;
    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory client;
    private ArtemisManagement management;

    @BeforeEach
    void startTheBroker() throws Exception {
        String url = "tcp://localhost:" + FreePorts.free();
        configuration = new ConfigurationImpl();
        configuration.setSecurityEnabled(false).setPersistenceEnabled(true)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString())
                .setMaxDiskUsage(95).setDiskScanPeriod(100)
                .addAcceptorConfiguration("tcp", url);
        broker = new EmbeddedActiveMQ().setConfiguration(configuration).start();
        client = new ActiveMQConnectionFactory(url);
        management = new ArtemisManagement(new StaticListableBeanFactory().getBeanProvider(EmbeddedActiveMQ.class), client,
                OPS);
    }

    @AfterEach
    void stopTheBroker() throws Exception {
        client.close();
        broker.stop();
    }

    @Test
    void theDiskOfAnExternalBrokerIsAskedOfItsManagementAddressAndItsPagingIsNotKnown() {
        BrokerStorage storage = new BrokerStorage(management, OPS);

        await().atMost(Duration.ofSeconds(10)).until(() -> storage.storage().diskUsedPercent() != null);
        BrokerStorage.Storage seen = storage.storage();

        assertThat(seen.available()).isTrue();
        assertThat(seen.embedded()).isFalse();
        assertThat(seen.maxDiskUsage()).isEqualTo(95);
        assertThat(seen.warnAtPercent()).isEqualTo(85);
        assertThat(seen.diskUsedPercent()).isBetween(0.1, 100.0);
        assertThat(seen.state()).isIn(BrokerStorage.OK, BrokerStorage.WARNING, BrokerStorage.FULL);
        assertThat(seen.pagingUnits()).isNull();
    }

    @Test
    void theUnitQueueDepthsOfAnExternalBrokerAreListedThroughItsManagementAddress() throws Exception {
        SimpleString address = SimpleString.of("casehub.unit.440305");
        broker.getActiveMQServer().createQueue(QueueConfiguration.of(address).setAddress(address)
                .setRoutingType(RoutingType.MULTICAST).setDurable(true));
        try (var context = client.createContext()) {
            context.createProducer().send(context.createTopic(address.toString()), "a case");
        }

        UnitQueueDepths.Depths depths = new UnitQueueDepths(management, new ObjectMapper()).depths();

        assertThat(depths.available()).as(depths.error()).isTrue();
        assertThat(depths.units()).singleElement().satisfies(depth -> {
            assertThat(depth.unit()).isEqualTo("440305");
            assertThat(depth.messages()).isEqualTo(1);
        });
    }

    /**
     * The hub's connection factory is Spring Boot's caching one (a single shared connection whose close does nothing):
     * a question that opened a session, a temporary queue and a consumer on it each time left them on the broker for
     * good — four every health refresh (2 s), and a listQueues that walked ever more queues.
     */
    @Test
    void askingAgainAndAgainThroughTheHubsCachingFactoryLeavesNoSessionsOrTemporaryQueuesBehind() throws Exception {
        CachingConnectionFactory hubs = new CachingConnectionFactory(client);
        try {
            ArtemisManagement asking = new ArtemisManagement(
                    new StaticListableBeanFactory().getBeanProvider(EmbeddedActiveMQ.class), hubs, OPS);
            UnitQueueDepths depths = new UnitQueueDepths(asking, new ObjectMapper());
            BrokerStorage storage = new BrokerStorage(asking, OPS);
            for (int i = 0; i < 25; i++) {
                assertThat(depths.depths().available()).isTrue();
                assertThat(storage.storage().available()).isTrue();
            }

            assertThat(broker.getActiveMQServer().getSessions()).as("sessions open on the broker").hasSizeLessThanOrEqualTo(2);
            assertThat(temporaryQueues()).as("temporary queues on the broker").isLessThanOrEqualTo(1);
            asking.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> temporaryQueues() == 0);
        } finally {
            hubs.destroy();
        }
    }

    @Test
    void aQuestionAfterTheBrokerRestartedIsAnsweredOnANewConnection() throws Exception {
        BrokerStorage storage = new BrokerStorage(management, OPS);
        assertThat(storage.storage().available()).isTrue();

        broker.stop();
        broker = new EmbeddedActiveMQ().setConfiguration(configuration).start();

        BrokerStorage.Storage seen = storage.storage();
        assertThat(seen.available()).as(seen.error()).isTrue();
        assertThat(seen.maxDiskUsage()).isEqualTo(95);
    }

    private long temporaryQueues() throws Exception {
        return broker.getActiveMQServer().getPostOffice().getAllBindings()
                .filter(b -> b instanceof org.apache.activemq.artemis.core.postoffice.QueueBinding q && q.getQueue().isTemporary())
                .count();
    }

    @Test
    void anAnswerOfTheBrokerIsReusedForTheBrokerRefreshRatherThanAskedAtEveryHealthRefresh() throws Exception {
        SimpleString address = SimpleString.of("casehub.unit.440305");
        broker.getActiveMQServer().createQueue(QueueConfiguration.of(address).setAddress(address)
                .setRoutingType(RoutingType.MULTICAST).setDurable(true));
        OpsProperties reusing = new OpsProperties(OPS.flowingWindow(), OPS.refresh(), OPS.deliveryWindow(), OPS.outboxAlarm(),
                OPS.unitQueueAlarm(), OPS.lagTimeout(), OPS.gaugePeriod(), OPS.brokerDiskWarningMargin(), OPS.stuckAfter(),
                Duration.ofHours(1));
        ArtemisManagement asking = new ArtemisManagement(
                new StaticListableBeanFactory().getBeanProvider(EmbeddedActiveMQ.class), client, reusing);
        UnitQueueDepths depths = new UnitQueueDepths(asking, new ObjectMapper());
        assertThat(depths.depths().units()).isEmpty();

        try (var context = client.createContext()) {
            context.createProducer().send(context.createTopic(address.toString()), "a case");
        }

        assertThat(depths.depths().units()).as("the answer of an hour ago, reused").isEmpty();
        assertThat(new UnitQueueDepths(management, new ObjectMapper()).depths().units()).as("asked now").hasSize(1);
        asking.close();
    }

    @Test
    void aBrokerThatDoesNotAnswerLeavesTheDiskUnknown() throws Exception {
        broker.stop();

        BrokerStorage.Storage seen = new BrokerStorage(management, OPS).storage();

        assertThat(seen.available()).isFalse();
        assertThat(seen.state()).isEqualTo(BrokerStorage.UNKNOWN);
        assertThat(seen.error()).isNotBlank();
    }
}
