package org.casehub.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.paging.PagingStore;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class EmbeddedArtemisCustomizerTest {

    @TempDir
    Path dataDirectory;

    @Test
    void persistentMessageSentOverTcpIsReceivedAfterARestart() throws Exception {
        EmbeddedArtemisCustomizer customizer = new EmbeddedArtemisCustomizer(properties(), false);

        EmbeddedActiveMQ server = start(customizer);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(customizer.tcpUri());
                JMSContext context = factory.createContext()) {
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue("cases"), "petition received");
        } finally {
            server.stop();
        }

        EmbeddedActiveMQ restarted = start(customizer);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(customizer.tcpUri());
                JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("cases");
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                assertThat(consumer.receiveBody(String.class, 10_000)).isEqualTo("petition received");
            }
        } finally {
            restarted.stop();
        }
        assertThat(dataDirectory.resolve("artemis/journal")).isNotEmptyDirectory();
        assertThat(dataDirectory.resolve("artemis/bindings")).isNotEmptyDirectory();
    }

    @Test
    void directoriesChosenBySpringBootAreKept() {
        Configuration configuration = bootLikeConfiguration().setJournalDirectory("/var/lib/casehub/journal");

        new EmbeddedArtemisCustomizer(properties(), true).customize(configuration);

        assertThat(configuration.getJournalDirectory()).isEqualTo("/var/lib/casehub/journal");
        assertThat(configuration.getAcceptorConfigurations())
                .anySatisfy(acceptor -> assertThat(acceptor.getName()).isEqualTo(EmbeddedArtemisCustomizer.ACCEPTOR_NAME));
    }

    @Test
    void theBrokerBlocksProducersAtTheConfiguredDiskUsage() {
        EmbeddedBrokerProperties properties = properties();
        properties.getArtemis().setMaxDiskUsage(95);
        Configuration configuration = bootLikeConfiguration();

        new EmbeddedArtemisCustomizer(properties, false).customize(configuration);

        assertThat(configuration.getMaxDiskUsage()).isEqualTo(95);
        assertThat(new EmbeddedBrokerProperties().getArtemis().getMaxDiskUsage()).as("Artemis' own default").isEqualTo(90);
    }

    @Test
    void pastItsGlobalMaxSizeTheBrokerPagesToDiskAndKeepsEveryMessage() throws Exception {
        EmbeddedBrokerProperties properties = properties();
        properties.getArtemis().setGlobalMaxSize(DataSize.ofKilobytes(256));
        EmbeddedArtemisCustomizer customizer = new EmbeddedArtemisCustomizer(properties, false);
        String body = "案".repeat(4_000);

        EmbeddedActiveMQ server = start(customizer);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(customizer.tcpUri());
                JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("casehub.unit.440304001001");
            for (int i = 0; i < 100; i++) {
                context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, body);
            }
            PagingStore store = server.getActiveMQServer().getPagingManager()
                    .getPageStore(SimpleString.of("casehub.unit.440304001001"));
            assertThat(store.isPaging()).as("~1 MB sent past a global max size of 256 KB").isTrue();
            // it pages once the limit is crossed: the memory holds the limit and one message, not the 1.2 MB sent
            assertThat(server.getActiveMQServer().getPagingManager().getGlobalSize()).isLessThan(256 * 1024 + 16 * 1024);
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                for (int i = 0; i < 100; i++) {
                    assertThat(consumer.receiveBody(String.class, 10_000)).as("message %d", i).isEqualTo(body);
                }
            }
        } finally {
            server.stop();
        }
        assertThat(new EmbeddedBrokerProperties().getArtemis().getGlobalMaxSize()).isEqualTo(DataSize.ofMegabytes(64));
    }

    private EmbeddedBrokerProperties properties() {
        EmbeddedBrokerProperties properties = new EmbeddedBrokerProperties();
        properties.setDataDirectory(dataDirectory);
        properties.getArtemis().setPort(FreePorts.free());
        return properties;
    }

    /** What Spring Boot's embedded mode sets up before the customizers run, with persistence on. */
    private static Configuration bootLikeConfiguration() {
        return new ConfigurationImpl()
                .setSecurityEnabled(false)
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO);
    }

    private static EmbeddedActiveMQ start(EmbeddedArtemisCustomizer customizer) throws Exception {
        Configuration configuration = bootLikeConfiguration();
        customizer.customize(configuration);
        return new EmbeddedActiveMQ().setConfiguration(configuration).start();
    }
}
