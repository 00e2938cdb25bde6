package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerQueuePlugin;
import org.casehub.health.OpsProperties;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.network.ArtemisCore;
import org.casehub.network.ArtemisPermissionFailureAnalyzer;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.FunctionalZones;
import org.casehub.network.NetworkProperties;
import org.casehub.network.UnitQueues;
import org.casehub.network.UnitResolver;
import org.casehub.support.SecuredArtemis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jms.JmsAutoConfiguration;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.FileSystemResource;

/**
 * The hub against an Artemis that requires a login, configured only as production configures it
 * ({@code spring.artemis.mode=native}, broker URL, user and password): every connection it opens — the core session
 * creating the units' queues, the management queries behind the broker's disk and the queue depths — logs in as the
 * configured user.
 */
class SecuredArtemisTest {

    private static final OpsProperties OPS = new OpsProperties(Duration.ofMinutes(5), Duration.ofSeconds(2),
            Duration.ofHours(24), 10_000, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(15), 10, Duration.ofMinutes(5),
            Duration.ZERO);
    private static final NetworkProperties NETWORK = new NetworkProperties("config/network/divisions-44.csv", "",
            "config/network/zones.yaml", false, Map.of(), List.of("440305"), 2000, 200);
    private static final DivisionDirectory DIVISIONS = new DivisionDirectory(
            new CasehubHome(new HomeProperties(".")), NETWORK);
    private static final UnitResolver UNITS = new UnitResolver(
            new FunctionalZones(new FileSystemResource("config/network/zones.yaml"), DIVISIONS::contains),
            DIVISIONS, NETWORK);

    @TempDir
    Path data;

    private SecuredArtemis artemis;

    @BeforeEach
    void startTheBroker() throws Exception {
        artemis = new SecuredArtemis(data);
    }

    @AfterEach
    void stopTheBroker() throws Exception {
        artemis.close();
    }

    private ApplicationContextRunner hub(String user) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ArtemisAutoConfiguration.class, JmsAutoConfiguration.class))
                .withPropertyValues("spring.artemis.mode=native", "spring.artemis.broker-url=" + artemis.url(),
                        "spring.artemis.embedded.enabled=false", "spring.artemis.user=" + user,
                        "spring.artemis.password=" + SecuredArtemis.PASSWORD)
                .withBean(OpsProperties.class, () -> OPS)
                .withBean(UnitResolver.class, () -> UNITS)
                .withBean(ObjectMapper.class)
                .withBean(ArtemisCore.class)
                .withBean(UnitQueues.class)
                .withBean(ArtemisManagement.class)
                .withBean(BrokerStorage.class)
                .withBean(UnitQueueDepths.class);
    }

    @Test
    void theUnitsQueuesAreCreatedAsTheConfiguredUser() {
        hub(SecuredArtemis.HUB).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(artemis.broker().getActiveMQServer().locateQueue(SimpleString.of("casehub.unit.send-permission-check")))
                    .as("the send check leaves no queue").isNull();
            for (String unit : List.of("44", "440305", "440305007012")) {
                assertThat(artemis.broker().getActiveMQServer()
                        .locateQueue(SimpleString.of(UnitResolver.address(unit)))).as(unit).isNotNull();
            }
        });
    }

    @Test
    void aUnitQueueAnotherInstanceCreatedAtTheSameMomentCountsAsCreated() {
        // the other instance creates casehub.unit.440305 between this one's query and its create
        SimpleString raced = SimpleString.of(UnitResolver.address("440305"));
        ActiveMQServer server = artemis.broker().getActiveMQServer();
        AtomicBoolean otherInstanceCreated = new AtomicBoolean();
        server.registerBrokerPlugin(new ActiveMQServerQueuePlugin() {
            @Override
            public void beforeCreateQueue(QueueConfiguration queue) throws ActiveMQException {
                if (queue.getName().equals(raced) && otherInstanceCreated.compareAndSet(false, true)) {
                    try {
                        server.createQueue(new QueueConfiguration(queue));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });

        hub(SecuredArtemis.HUB).run(context -> {
            assertThat(otherInstanceCreated).isTrue();
            assertThat(context).hasNotFailed();
            assertThat(server.locateQueue(raced)).isNotNull();
            assertThat(server.locateQueue(SimpleString.of(UnitResolver.address("440305007012")))).isNotNull();
        });
    }

    @Test
    void aHubUserWhoMayNotCreateQueuesStopsTheStartNamingThePermissionAndTheAddress() {
        hub(SecuredArtemis.NO_QUEUES).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new ArtemisPermissionFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("The Artemis user 'hub-without-queues' lacks the permission"
                    + " createDurableQueue on the address casehub.unit.44.");
            assertThat(analysis.getAction()).contains("createDurableQueue", "casehub.unit.#", "broker.xml");
        });
    }

    @Test
    void aHubUserWhoMayNotSendToTheUnitsStopsTheStartNamingThePermissionAndTheAddress() {
        hub(SecuredArtemis.NO_SEND).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new ArtemisPermissionFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("The Artemis user 'hub-without-send' lacks the permission"
                    + " send on the address casehub.unit.send-permission-check.");
        });
    }

    @Test
    void theBrokersDiskAndTheQueueDepthsAreAskedAsTheConfiguredUser() {
        hub(SecuredArtemis.HUB).run(context -> {
            assertThat(context).hasNotFailed();
            UnitQueueDepths.Depths depths = context.getBean(UnitQueueDepths.class).depths();
            assertThat(depths.available()).as(depths.error()).isTrue();
            BrokerStorage storage = context.getBean(BrokerStorage.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                BrokerStorage.Storage seen = storage.storage();
                assertThat(seen.available()).as(seen.error()).isTrue();
                assertThat(seen.diskUsedPercent()).isNotNull();
            });
        });
    }
}
