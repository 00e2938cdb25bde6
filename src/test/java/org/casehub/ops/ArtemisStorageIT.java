package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.casehub.security.TestClients;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The embedded broker's side of unit delivery as IT staff see it: the units' addresses page to disk above a bounded
 * memory and keep every message, and the broker's disk shows in the health, /api/feeds, the status summary and the
 * metrics.
 */
class ArtemisStorageIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;

    @Autowired
    private EmbeddedActiveMQ embedded;

    @Autowired
    private ConnectionFactory connections;

    @Test
    void theUnitsAddressesPageAboveTheirMemoryAndKeepEveryMessage() throws Exception {
        ActiveMQServer server = embedded.getActiveMQServer();
        AddressSettings province = server.getAddressSettingsRepository().getMatch("casehub.unit.44");
        assertThat(province.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.PAGE);
        assertThat(province.getMaxSizeBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(province.getExpiryDelay()).isNegative();

        // a unit nobody consumes (not a real one, so that no other test meets its messages): 600 messages of 8 KB
        String unit = "it-" + UUID.randomUUID().toString().substring(0, 8);
        SimpleString address = SimpleString.of("casehub.unit." + unit);
        server.createQueue(QueueConfiguration.of(address).setAddress(address).setRoutingType(RoutingType.MULTICAST)
                .setDurable(true));
        try {
            send(address.toString(), 600, 8192);

            assertThat(server.getPagingManager().getPageStore(address).isPaging()).as("paged to disk").isTrue();
            assertThat(server.locateQueue(address).getMessageCount()).as("every message kept").isEqualTo(600);
            await().atMost(PATIENCE).until(() -> feeds().path("broker").path("paging").toString().contains(unit));
        } finally {
            server.destroyQueue(address, null, false, true);
        }
    }

    @Test
    void theBrokersDiskShowsInTheHealthTheFeedsTheStatusSummaryAndTheMetrics() {
        HubHttp http = new HubHttp(port);
        // the broker measures its disk every disk-scan-period and the hub reads it in the background: the figure
        // reads "unknown" until both happened (a busy machine takes longer)
        await().atMost(Duration.ofMinutes(2)).until(() -> HubHttp.json(http.get("/actuator/health/artemisStorage",
                TestClients.OPERATOR_KEY)).path("details").path("diskUsedPercent").isNumber());
        JsonNode health = HubHttp.json(http.get("/actuator/health/artemisStorage", TestClients.OPERATOR_KEY));
        assertThat(health.path("status").asText()).as("this disk is far from full").isIn("UP", ArtemisStorageHealth.WARNING);
        assertThat(health.path("details").path("maxDiskUsagePercent").asInt()).isEqualTo(90);
        assertThat(health.path("details").path("warnAtPercent").asInt()).isEqualTo(80);
        assertThat(health.path("details").path("diskUsedPercent").asDouble()).isBetween(0.1, 100.0);
        assertThat(health.path("details").path("broker").asText()).isEqualTo("embedded");
        assertThat(anonymous("/actuator/health/readiness").body()).as("not part of the readiness").doesNotContain("artemisStorage");

        JsonNode broker = feeds().path("broker");
        assertThat(broker.path("state").asText()).isIn(BrokerStorage.OK, BrokerStorage.WARNING);
        assertThat(broker.path("maxDiskUsage").asInt()).isEqualTo(90);
        assertThat(HubHttp.json(anonymous("/status.json")).path("broker").path("diskUsedPercent").isNumber()).isTrue();
        assertThat(anonymous("/actuator/prometheus").body()).containsPattern("casehub_artemis_disk_used_percent\\{[^}]*\\} [0-9]")
                .containsPattern("casehub_artemis_disk_max_percent\\{[^}]*\\} 90")
                .contains("casehub_unit_queues_paging{");
    }

    private HttpResponse<String> anonymous(String path) {
        return new HubHttp(port).send("GET", path, Map.of(), HttpRequest.BodyPublishers.noBody());
    }

    private JsonNode feeds() {
        return HubHttp.json(new HubHttp(port).get("/api/feeds", TestClients.READER_KEY));
    }

    private void send(String address, int messages, int bytes) throws Exception {
        try (Connection connection = connections.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createTopic(address));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < messages; i++) {
                producer.send(session.createTextMessage("x".repeat(bytes)));
                if (i % 100 == 99) {
                    session.commit();
                }
            }
            session.commit();
        }
    }
}
