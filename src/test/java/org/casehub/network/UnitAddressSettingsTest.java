package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.utils.ByteUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class UnitAddressSettingsTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aUnitAddressPagesToDiskAboveItsMemoryAndNeverDropsNorExpiresAMessage() {
        ConfigurationImpl configuration = new ConfigurationImpl();

        new UnitAddressSettings(new NetworkProperties("config/network/divisions-44.csv"),
                new UnitQueueProperties(DataSize.ofKilobytes(256), DataSize.ofKilobytes(64),
                        DataSize.ofKilobytes(64), DataSize.ofMegabytes(2))).customize(configuration);

        AddressSettings units = configuration.getAddressSettings().get("casehub.unit.#");
        assertThat(units.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.PAGE);
        assertThat(units.getMaxSizeBytes()).isEqualTo(256 * 1024);
        assertThat(units.getPageSizeBytes()).isEqualTo(64 * 1024);
        // what a paging queue holds in memory, consumed or not: the page it reads and what it read ahead
        assertThat(units.getPrefetchPageBytes()).isEqualTo(64 * 1024);
        assertThat(units.getMaxReadPageBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(units.getIDCacheSize()).isEqualTo(2000);
        // nothing set that could lose a message: no expiry, no limit on what is paged
        assertThat(units.getExpiryDelay()).isEqualTo(AddressSettings.DEFAULT_EXPIRY_DELAY).isNegative();
        assertThat((Object) units.getExpiryAddress()).isNull();
        assertThat(units.getPageLimitBytes()).isNull();
        assertThat(units.getPageLimitMessages()).isNull();
    }

    @Test
    void theProductionBrokersExampleSettingsKeepEveryMessageBoundEachQueuesMemoryAndLetAUnitHoldWhatTheEmbeddedOneDoes()
            throws Exception {
        AddressSettings embedded = shippedDefaults().settings();
        Document example = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(
                "<address-settings>" + Files.readString(Path.of("config/production/artemis/address-settings.xml"))
                        + "</address-settings>")));

        NodeList settings = example.getElementsByTagName("address-setting");
        assertThat(settings.getLength()).isEqualTo(2);
        for (int i = 0; i < settings.getLength(); i++) {
            Element setting = (Element) settings.item(i);
            assertThat(setting.getAttribute("match")).isIn("casehub.unit.#", "casehub.mediation.#");
            assertThat(text(setting, "address-full-policy")).isEqualTo(embedded.getAddressFullMessagePolicy().name());
            assertThat(Integer.parseInt(text(setting, "id-cache-size"))).isEqualTo(embedded.getIDCacheSize());
            assertThat(ByteUtil.convertTextBytes(text(setting, "max-size-bytes"))).isEqualTo(embedded.getMaxSizeBytes());
            assertThat(ByteUtil.convertTextBytes(text(setting, "max-read-page-bytes")))
                    .isEqualTo(embedded.getMaxReadPageBytes());
            // a broker of its own may spend more memory per queue than one in the hub's heap, not the broker's 30 MB
            long page = ByteUtil.convertTextBytes(text(setting, "page-size-bytes"));
            long readAhead = ByteUtil.convertTextBytes(text(setting, "prefetch-page-bytes"));
            assertThat(page + readAhead).isGreaterThanOrEqualTo(embedded.getPageSizeBytes() + embedded.getPrefetchPageBytes())
                    .isLessThanOrEqualTo(1024 * 1024);
            assertThat(readAhead).isLessThan(embedded.getMaxReadPageBytes());
        }
    }

    private static String text(Element setting, String name) {
        return setting.getElementsByTagName(name).item(0).getTextContent().trim();
    }

    /** The settings as the hub ships them: its properties bound from nothing but their defaults. */
    private static UnitAddressSettings shippedDefaults() {
        Binder defaults = new Binder(new MapConfigurationPropertySource(Map.of()));
        return new UnitAddressSettings(defaults.bindOrCreate("casehub.network", NetworkProperties.class),
                defaults.bindOrCreate("casehub.unit-queues", UnitQueueProperties.class));
    }

    /**
     * A unit system that acknowledges in batches — the JMS client's DUPS_OK mode acknowledges every 1 MB of messages —
     * holds that much unacknowledged, and the broker reads no more of a paging queue while what it read ahead and
     * delivered without acknowledgement reaches casehub.unit-queues.unacknowledged: below the batch, the unit stalls
     * for good.
     */
    @Test
    void aUnitThatAcknowledgesInBatchesTakesEveryMessageOfAPagingQueueWithTheDefaultSettings() throws Exception {
        Configuration configuration = new ConfigurationImpl().setSecurityEnabled(false).setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO).setJournalDirectory(dataDirectory.resolve("journal").toString())
                .setBindingsDirectory(dataDirectory.resolve("bindings").toString())
                .setPagingDirectory(dataDirectory.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDirectory.resolve("large").toString())
                .addAcceptorConfiguration("in-vm", "vm://0");
        shippedDefaults().customize(configuration);
        String unit = "casehub.unit.440304001001";
        String body = "案".repeat(4_000);
        int messages = 600;

        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration).start();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
             JMSContext hub = factory.createContext()) {
            Queue queue = hub.createQueue(unit);
            for (int i = 0; i < messages; i++) {
                hub.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, body);
            }
            assertThat(server.getActiveMQServer().getPagingManager().getPageStore(SimpleString.of(unit)).isPaging())
                    .as("~4.8 MB sent to an address that holds 4 MB").isTrue();
            try (JMSContext unitSystem = factory.createContext(JMSContext.DUPS_OK_ACKNOWLEDGE);
                 JMSConsumer consumer = unitSystem.createConsumer(queue)) {
                for (int i = 0; i < messages; i++) {
                    String received = consumer.receiveBody(String.class, 10_000);
                    assertThat(received).as("message %d of %d", i + 1, messages).isNotNull();
                    assertThat(received.equals(body)).as("message %d is what was sent", i + 1).isTrue();
                }
            }
        } finally {
            server.stop();
        }
    }
}
