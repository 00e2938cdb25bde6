package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * The units' relay sends a batch without waiting for the broker's answer to each message, so the transaction's commit
 * is the only answer it gets: these prove that a refusal of one message still fails that commit (nothing of the batch
 * delivered, the refused message parked alone, its neighbours delivered), and that a batch sent again after a crash
 * delivers nothing twice; and that an event's one row for all its units is parked for the unit that refuses it alone
 * (split off into a row of its own), the case's later events for that unit waiting behind it in order — against a real
 * broker that requires a login, with the real outbox schema (H2).
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
    private final TestOutbox outbox = new TestOutbox();

    @BeforeEach
    void start() throws Exception {
        artemis = new SecuredArtemis(data);
        ActiveMQServer server = artemis.broker().getActiveMQServer();
        for (String address : List.of(OPEN, ALSO_OPEN, CLOSED)) {
            server.createQueue(new QueueConfiguration(address).setAddress(address).setRoutingType(RoutingType.MULTICAST));
        }
        // the most specific match applies alone: the hub may create there, not send
        allowSending(false);
        relay = new UnitDeliveryRelay(outbox.repository(),
                new ActiveMQConnectionFactory(artemis.url(), SecuredArtemis.HUB, SecuredArtemis.PASSWORD),
                new NetworkProperties("config/network/divisions-44.csv", "", "config/network/zones.yaml", false, Map.of(),
                        List.of("4403"), 2000, 200),
                new PublishProperties("localhost:9092", "casehub.cases", "casehub.warnings", 500, Duration.ofSeconds(30),
                        Duration.ofSeconds(1)), outbox.leases());
    }

    /** Whether the hub may send to the closed address (the most specific match applies alone: it may always create). */
    private void allowSending(boolean send) {
        artemis.broker().getActiveMQServer().getSecurityRepository().addMatch(CLOSED, Set.of(
                new Role(SecuredArtemis.HUB, send, false, true, false, false, false, false, false, true, false)));
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
        assertMessagesIn(OPEN, 1);
        assertMessagesIn(ALSO_OPEN, 1);
        assertMessagesIn(CLOSED, 0);
    }

    @Test
    void aBatchSentAgainAfterItsCommitIsDeliveredWithoutASecondCopy() throws Exception {
        List<Pending> batch = List.of(row(1, "A:1", OPEN), row(2, "A:1", ALSO_OPEN), row(3, "B:1", OPEN));
        assertThat(relay.deliver(batch).delivered()).hasSize(3);

        // a crash between the broker's commit and the outbox's marking: the same rows go again
        Outcome again = relay.deliver(batch);

        assertThat(again.delivered()).containsExactlyElementsOf(batch);
        assertThat(again.refused()).isEmpty();
        assertMessagesIn(OPEN, 2);
        assertMessagesIn(ALSO_OPEN, 1);
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

        assertMessagesIn(OPEN, 20);
        assertMessagesIn(ALSO_OPEN, 20);
        // a round trip each: 40 sends would have asked 40 times
        assertThat(addressQueries).hasValue(2);
    }

    @Test
    void anEventsRowForSeveralUnitsIsParkedForTheUnitThatRefusesItAloneItsOtherUnitsGetItOnce() throws Exception {
        String first = outbox.unitEvent("A", 1, OPEN, CLOSED, ALSO_OPEN);
        String other = outbox.unitEvent("B", 1, OPEN, CLOSED);

        relay.relay();

        assertEventsIn(OPEN, first, other);
        assertEventsIn(ALSO_OPEN, first);
        assertThat(eventsIn(CLOSED)).isEmpty();
        List<OutboxRepository.Parked> parked = outbox.repository().parked(10);
        assertThat(parked).extracting(OutboxRepository.Parked::eventId).containsExactly(first, other);
        assertThat(parked).allSatisfy(p -> {
            assertThat(p.destination()).isEqualTo("artemis:" + CLOSED);
            assertThat(p.reason()).contains("Security");
        });
        // the grouped rows are published for the units that took them, and list only those
        assertThat(outbox.jdbc().queryForList("SELECT units FROM outbox WHERE destination = ? ORDER BY id", String.class,
                OutboxRepository.UNITS)).containsExactly(OPEN_AND_ALSO_OPEN, "artemis:" + OPEN);
        assertThat(outbox.pending()).isEqualTo(2);   // the two parked rows
    }

    @Test
    void aCasesLaterEventsWaitForItsParkedUnitAndFollowItInOrderOnceReSentWhileItsOtherUnitsGetThemAtOnce() throws Exception {
        String first = outbox.unitEvent("A", 1, OPEN, CLOSED);
        relay.relay();
        String second = outbox.unitEvent("A", 2, OPEN, CLOSED, ALSO_OPEN);
        String elsewhere = outbox.unitEvent("B", 1, CLOSED);   // another case for the refusing unit: refused on its own
        relay.relay();

        assertEventsIn(OPEN, first, second);
        assertEventsIn(ALSO_OPEN, second);
        OutboxRepository.Parked parked = outbox.repository().parked(10).get(0);
        assertThat(parked.eventId()).isEqualTo(first);
        assertThat(parked.waiting()).isEqualTo(1);
        assertThat(outbox.repository().parked(10)).extracting(OutboxRepository.Parked::eventId).containsExactly(first, elsewhere);

        allowSending(true);
        outbox.repository().unpark(parked.id());
        String third = outbox.unitEvent("A", 3, OPEN, CLOSED);
        relay.relay();

        assertEventsIn(CLOSED, first, second, third);
        assertEventsIn(OPEN, first, second, third);
    }

    @Test
    void aGroupedRowWaitsForAnEarlierEventOfItsCaseSplitOffAfterItWasWritten() throws Exception {
        // as after a re-send while the relay was behind: the case's second event, split off for the closed unit, got
        // an id after the third's row, which the relay had not reached yet
        String second = outbox.caseEvent("A", 2);
        String third = outbox.unitEvent("A", 3, OPEN, ALSO_OPEN);
        long thirdRow = outbox.jdbc().queryForObject("SELECT id FROM outbox WHERE event_id = ?", Long.class, third);
        outbox.jdbc().update("INSERT INTO outbox (event_id, case_id, destination, channel, created_at, split_from)"
                + " VALUES (?, 'A', ?, 'artemis', CURRENT_TIMESTAMP, ?)", second, "artemis:" + ALSO_OPEN, thirdRow - 1);

        relay.relay();
        assertEventsIn(ALSO_OPEN, second);   // the third's is split off, to go after it
        relay.relay();

        assertEventsIn(ALSO_OPEN, second, third);
        assertEventsIn(OPEN, third);
        assertThat(outbox.pending()).isZero();
    }

    private static final String OPEN_AND_ALSO_OPEN = "artemis:" + OPEN + " artemis:" + ALSO_OPEN;

    /** The queue holds these events, in this order (the broker adds a committed transaction's messages to it soon after). */
    private void assertEventsIn(String queue, String... events) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsIn(queue)).containsExactly(events));
    }

    /** The event ids in the queue, in its order. */
    private List<String> eventsIn(String queue) {
        List<String> ids = new ArrayList<>();
        var references = artemis.broker().getActiveMQServer().locateQueue(SimpleString.of(queue)).browserIterator();
        while (references.hasNext()) {
            ids.add(references.next().getMessage().getStringProperty("_AMQ_DUPL_ID"));
        }
        references.close();
        return ids;
    }

    /** The queue holds this many messages (the broker adds a committed transaction's messages to it soon after). */
    private void assertMessagesIn(String queue, long messages) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(artemis.broker().getActiveMQServer()
                .locateQueue(SimpleString.of(queue)).getMessageCount()).as(queue).isEqualTo(messages));
    }

    private static Pending row(long id, String eventId, String address) {
        return new Pending(id, eventId, eventId.substring(0, eventId.indexOf(':')), "artemis:" + address,
                "org.casehub.case.created", "{\"id\":\"" + eventId + "\"}");
    }
}
