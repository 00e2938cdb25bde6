package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.SessionBindingQueryMessage;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.network.NetworkProperties;
import org.casehub.network.UnitResolver;
import org.casehub.publish.OutboxChannelRelay.Outcome;
import org.casehub.publish.OutboxRepository.Pending;
import org.casehub.support.SecuredArtemis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The units' relay sends a batch without waiting for the broker's answer to each message, so the transaction's commit
 * is the only answer it gets: these prove that a refusal of one message still fails that commit (nothing of the batch
 * delivered, the refused message parked alone, its neighbours delivered), and that a batch sent again after a crash
 * delivers nothing twice — against a real broker that requires a login.
 */
class UnitDeliveryRelayTest {

    private static final String OPEN = UnitResolver.address("440305");
    private static final String ALSO_OPEN = UnitResolver.address("440305007");
    /** an address the hub's user may not send to */
    private static final String CLOSED = UnitResolver.address("4401");

    @TempDir
    Path data;

    private SecuredArtemis artemis;
    private UnitDeliveryRelay relay;

    @BeforeEach
    void start() throws Exception {
        artemis = new SecuredArtemis(data);
        ActiveMQServer server = artemis.broker().getActiveMQServer();
        for (String address : List.of(OPEN, ALSO_OPEN, CLOSED)) {
            server.createQueue(new QueueConfiguration(address).setAddress(address).setRoutingType(RoutingType.MULTICAST));
        }
        // the most specific match applies alone: the hub may create there, not send
        server.getSecurityRepository().addMatch(CLOSED, Set.of(
                new Role(SecuredArtemis.HUB, false, false, true, false, false, false, false, false, true, false)));
        relay = new UnitDeliveryRelay(new OutboxRepository(new JdbcTemplate()),
                new ActiveMQConnectionFactory(artemis.url(), SecuredArtemis.HUB, SecuredArtemis.PASSWORD),
                new NetworkProperties("config/network/divisions-44.csv", "", "config/network/zones.yaml", false, Map.of(),
                        List.of("4403"), 2000, 200),
                new PublishProperties("localhost:9092", "casehub.cases", "casehub.warnings", 500, Duration.ofSeconds(30),
                        Duration.ofSeconds(1)), null);
    }

    @AfterEach
    void stop() throws Exception {
        relay.destroy();
        artemis.close();
    }

    @Test
    void aMessageTheBrokerRefusesFailsItsBatchsCommitAndIsRefusedAloneItsNeighboursAreDeliveredOnce() throws Exception {
        Pending first = row(1, "A:1", OPEN);
        Pending refused = row(2, "B:1", CLOSED);
        Pending third = row(3, "C:1", ALSO_OPEN);

        Outcome outcome = relay.deliver(List.of(first, refused, third));

        assertThat(outcome.delivered()).containsExactly(first, third);
        assertThat(outcome.refused()).containsOnlyKeys(refused);
        assertThat(outcome.refused().get(refused)).contains("Security");
        assertThat(messagesIn(OPEN)).isEqualTo(1);
        assertThat(messagesIn(ALSO_OPEN)).isEqualTo(1);
        assertThat(messagesIn(CLOSED)).isZero();
    }

    @Test
    void aBatchSentAgainAfterItsCommitIsDeliveredWithoutASecondCopy() throws Exception {
        List<Pending> batch = List.of(row(1, "A:1", OPEN), row(2, "A:1", ALSO_OPEN), row(3, "B:1", OPEN));
        assertThat(relay.deliver(batch).delivered()).hasSize(3);

        // a crash between the broker's commit and the outbox's marking: the same rows go again
        Outcome again = relay.deliver(batch);

        assertThat(again.delivered()).containsExactlyElementsOf(batch);
        assertThat(again.refused()).isEmpty();
        assertThat(messagesIn(OPEN)).isEqualTo(2);
        assertThat(messagesIn(ALSO_OPEN)).isEqualTo(1);
    }

    @Test
    void eachAddressIsCheckedWithTheBrokerOnceNotForEveryMessage() throws Exception {
        AtomicInteger addressQueries = new AtomicInteger();
        artemis.broker().getActiveMQServer().getRemotingService().addIncomingInterceptor((Interceptor) (packet, connection) -> {
            if (packet instanceof SessionBindingQueryMessage) {
                addressQueries.incrementAndGet();
            }
            return true;
        });
        List<Pending> rows = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            rows.add(row(i, "E" + i + ":1", i % 2 == 0 ? OPEN : ALSO_OPEN));
        }

        assertThat(relay.deliver(rows.subList(0, 20)).delivered()).hasSize(20);
        assertThat(relay.deliver(rows.subList(20, 40)).delivered()).hasSize(20);

        assertThat(messagesIn(OPEN)).isEqualTo(20);
        assertThat(messagesIn(ALSO_OPEN)).isEqualTo(20);
        // a round trip each: 40 sends would have asked 40 times
        assertThat(addressQueries).hasValue(2);
    }

    private long messagesIn(String queue) {
        return artemis.broker().getActiveMQServer().locateQueue(SimpleString.of(queue)).getMessageCount();
    }

    private static Pending row(long id, String eventId, String address) {
        return new Pending(id, eventId, eventId.substring(0, eventId.indexOf(':')), "artemis:" + address,
                "org.casehub.case.created", "{\"id\":\"" + eventId + "\"}");
    }
}
