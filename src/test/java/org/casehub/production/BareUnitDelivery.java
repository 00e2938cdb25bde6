package org.casehub.production;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.publish.OutboxRepository;

/**
 * The yardstick of unit delivery: Artemis' ceiling here for the hub's own messages. The unit messages of the hub's
 * last events (read back from its outbox and event history: the same texts, addresses and messages per event) are sent
 * again by a bare JMS sender — persistent, {@code _AMQ_DUPL_ID} set (a new one, or the broker would drop them as the
 * duplicates they are), the rows of one hub transaction ({@code casehub.network.delivery-batch-size}) per transaction,
 * no send waiting for its answer — to the same broker while the units' systems read them ({@link UnitReaders}), at
 * most {@value #IN_FLIGHT} deliveries ahead of them, and timed until they have taken every one (marked {@value #MARK}:
 * the hub may deliver messages of its own meanwhile — its deadline reminders —, which are counted apart). No outbox,
 * no index: what the broker and a sender cost for the delivery the design asks (one persistent message per event and
 * unit), which no code of the hub can make cheaper. Two other shapes of the same deliveries are measured beside it
 * ({@link Shape}): without {@code _AMQ_DUPL_ID}, and one send routed by the broker to every unit's queue.
 */
final class BareUnitDelivery {

    /** The production profile's rows per Artemis transaction (application-production.yaml). */
    private static final int ROWS_PER_TRANSACTION = 200;
    /**
     * Deliveries sent and not yet taken before the sender waits: about two transactions'. A sender far ahead of the
     * readers fills the busiest addresses (the province's, the city's) past their max-size-bytes, and the broker pages
     * them to disk, which a delivery that keeps the units' queues current never makes it do.
     */
    private static final int IN_FLIGHT = 2_000;
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** The property that tells the readers a message is the bare sender's, not the hub's. */
    static final String MARK = "bench_bare";

    /** How an event reaches its units. */
    enum Shape {
        /** as the hub sends: one message per event and unit, to the unit's address, with {@code _AMQ_DUPL_ID} */
        EACH_UNIT,
        /**
         * the same without {@code _AMQ_DUPL_ID}: what the broker's duplicate check costs — the check that keeps a resend
         * after a crash between the broker's commit and the outbox's update from reaching a unit twice
         */
        EACH_UNIT_UNCHECKED,
        /**
         * one message per event, with {@code _AMQ_DUPL_ID}, to its deepest unit's place in the division tree
         * ({@link UnitReaders#ROUTED}), which the broker routes to that unit's queue and each above it: one message stored
         * with a reference per queue, the "one send routed by the broker to many unit queues". Units would then
         * read queues on wildcard addresses, not their addresses of DESIGN's names: a measurement, not the contract.
         */
        ROUTED
    }

    /** What the run measured: messages sent and taken, the wall time and the CPU of the broker and of the whole machine. */
    record Figures(int messages, int deliveries, double seconds, long brokerNanos, long senderNanos, long machineNanos,
                   long hubMessages) {

        double deliveriesPerSecond() {
            return deliveries / seconds;
        }

        /** CPU per delivery (a message on one unit's queue) in ms: the broker's, the sender's and readers', the machine's. */
        double brokerMs() {
            return brokerNanos / 1e6 / deliveries;
        }

        double senderMs() {
            return senderNanos / 1e6 / deliveries;
        }

        double machineMs() {
            return machineNanos / 1e6 / deliveries;
        }
    }

    /** One event as the units' relay sends it: its id, type and text, and the addresses of its units. */
    record Event(String id, String type, String text, List<String> addresses) {

        /** Its units' codes. */
        List<String> units() {
            return addresses.stream().map(a -> a.substring(UnitReaders.PREFIX.length())).toList();
        }

        /** The code of its deepest unit (the longest), empty for an event without units. */
        String deepestUnit() {
            return units().stream().max(Comparator.comparingInt(String::length)).orElse("");
        }
    }

    private BareUnitDelivery() {
    }

    /**
     * The events whose units are their deepest unit and every division above it, no other (no zone, no extra parent):
     * those one routed send reaches exactly ({@link Shape#ROUTED}).
     */
    static List<Event> chains(List<Event> events) {
        return events.stream().filter(e -> !e.deepestUnit().isEmpty()
                && new HashSet<>(e.units()).equals(new HashSet<>(UnitReaders.above(e.deepestUnit())))).toList();
    }

    /**
     * Delivers the events in a shape, as this user (the hub's; for {@link Shape#ROUTED} the readers', whose addresses
     * those are), and waits until the readers have taken every delivery.
     */
    static Figures run(List<Event> sent, Shape shape, String url, String user, String password, UnitReaders readers,
                       long brokerPid, Duration patience) throws JMSException {
        int deliveries = sent.stream().mapToInt(e -> e.addresses().size()).sum();
        // where each event is sent, worked out before the clock starts
        List<List<String>> sentTo = sent.stream().map(e -> shape == Shape.ROUTED
                ? List.of(UnitReaders.place(e.deepestUnit())) : e.addresses()).toList();
        String run = "/bare-" + Long.toString(System.nanoTime(), 36);   // each run's duplicate ids its own
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password)) {
            factory.setBlockOnDurableSend(false);
            try (jakarta.jms.Connection connection = factory.createConnection()) {
                Session session = connection.createSession(Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(null);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                Map<String, Topic> topics = new HashMap<>();
                long takenBefore = readers.takenBare();
                long allBefore = readers.taken();
                long broker = ProcessCpu.ofTree(brokerPid);
                long sender = os.getProcessCpuTime();
                long machine = ProcessCpu.machineBusy();
                long start = System.nanoTime();
                int sentDeliveries = 0;
                int messages = 0;
                for (int i = 0; i < sent.size(); i++) {
                    if (i % ROWS_PER_TRANSACTION == 0) {
                        while (sentDeliveries - (readers.takenBare() - takenBefore) > IN_FLIGHT) {
                            LockSupport.parkNanos(100_000);
                        }
                    }
                    Event event = sent.get(i);
                    sentDeliveries += event.addresses().size();
                    for (String address : sentTo.get(i)) {
                        TextMessage message = session.createTextMessage(event.text());
                        if (shape != Shape.EACH_UNIT_UNCHECKED) {
                            message.setStringProperty(DUPLICATE_ID, event.id() + run);
                        }
                        message.setBooleanProperty(MARK, true);
                        message.setJMSType(event.type());
                        producer.send(topics.computeIfAbsent(address, ActiveMQJMSClient::createTopic), message);
                        messages++;
                    }
                    if ((i + 1) % ROWS_PER_TRANSACTION == 0 || i == sent.size() - 1) {
                        session.commit();
                    }
                }
                await("the units' systems take the bare sender's messages").atMost(patience)
                        .pollInterval(Duration.ofMillis(20)).until(() -> readers.takenBare() - takenBefore >= deliveries);
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Figures(messages, deliveries, seconds, ProcessCpu.ofTree(brokerPid) - broker,
                        os.getProcessCpuTime() - sender, ProcessCpu.machineBusy() - machine,
                        readers.taken() - allBefore - deliveries);
            }
        }
    }

    /**
     * The last unit events of the outbox (one row each: an event and its units), oldest first, each to the addresses the
     * readers read: a mediation body's, or a unit's with a setting of its own, would never be taken.
     */
    static List<Event> lastUnitEvents(Connection index, int events, UnitReaders readers) throws SQLException {
        List<Event> read = new ArrayList<>();
        try (PreparedStatement select = index.prepareStatement("SELECT o.event_id, e.event_type, e.event_json, o.units,"
                + " o.destination FROM outbox o JOIN case_event e ON e.event_id = o.event_id WHERE o.channel = 'artemis'"
                + " ORDER BY o.id DESC FETCH FIRST " + events + " ROWS ONLY")) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    read.add(new Event(rs.getString(1), rs.getString(2), rs.getString(3), OutboxRepository
                            .destinations(rs.getString(5), rs.getString(4)).stream()
                            .map(d -> d.substring("artemis:".length())).filter(readers::reads).toList()));
                }
            }
        }
        Collections.reverse(read);
        return read;
    }
}
