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
import java.util.HashMap;
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

/**
 * The yardstick of unit delivery: Artemis' ceiling here for the hub's own messages. The unit messages of the hub's
 * last events (read back from its outbox and event history: the same texts, addresses and messages per event) are sent
 * again by a bare JMS sender — persistent, {@code _AMQ_DUPL_ID} set (a new one, or the broker would drop them as the
 * duplicates they are), the rows of one hub transaction ({@code casehub.network.delivery-batch-size}) per transaction,
 * no send waiting for its answer — to the same broker while the units' systems read them ({@link UnitReaders}), at
 * most {@value #IN_FLIGHT} messages ahead of them, and timed until they have taken every one (marked {@value #MARK}:
 * the hub may deliver messages of its own meanwhile — its deadline reminders —, which are counted apart). No outbox,
 * no index: what the broker and a sender cost for the delivery the design asks (one persistent message per event and
 * unit), which no code of the hub can make cheaper. Sent again without {@code _AMQ_DUPL_ID}, the same messages show
 * what the broker's duplicate check costs: the price of the relay's exactly-once after a crash between the broker's
 * commit and the outbox's update (see UnitDeliveryRelay).
 */
final class BareUnitDelivery {

    /** The production profile's rows per Artemis transaction (application-production.yaml). */
    private static final int ROWS_PER_TRANSACTION = 200;
    /**
     * Messages sent and not yet taken before the sender waits: about two transactions'. A sender far ahead of the
     * readers fills the busiest addresses (the province's, the city's) past their max-size-bytes, and the broker pages
     * them to disk, which a delivery that keeps the units' queues current never makes it do.
     */
    private static final int IN_FLIGHT = 2_000;
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** The property that tells the readers a message is the bare sender's, not the hub's. */
    static final String MARK = "bench_bare";

    /** What the run measured: messages sent and taken, the wall time and the CPU of the broker and of the whole machine. */
    record Figures(int events, int messages, double seconds, long brokerNanos, long senderNanos, long machineNanos,
                   long hubMessages) {

        double messagesPerSecond() {
            return messages / seconds;
        }

        /** CPU per message in ms: the broker's, or every process's on the machine. */
        double brokerMsPerMessage() {
            return brokerNanos / 1e6 / messages;
        }

        double machineMsPerMessage() {
            return machineNanos / 1e6 / messages;
        }
    }

    /** One event as the units' relay sends it: its id, type and text, and the addresses of its units. */
    private record Event(String id, String type, String text, List<String> addresses) {
    }

    private BareUnitDelivery() {
    }

    /**
     * Sends the unit messages of the hub's last {@code events} unit events again, as the hub user, and waits until the
     * readers have taken them all.
     *
     * @param duplicateIds whether each message carries {@code _AMQ_DUPL_ID}, as the hub's do
     */
    static Figures run(Connection index, String url, String user, String password, UnitReaders readers, long brokerPid,
                       int events, boolean duplicateIds, Duration patience) throws SQLException, JMSException {
        List<Event> sent = lastUnitEvents(index, events, readers);
        int messages = sent.stream().mapToInt(e -> e.addresses().size()).sum();
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
                int sentMessages = 0;
                for (int i = 0; i < sent.size(); i++) {
                    if (i % ROWS_PER_TRANSACTION == 0) {
                        while (sentMessages - (readers.takenBare() - takenBefore) > IN_FLIGHT) {
                            LockSupport.parkNanos(100_000);
                        }
                    }
                    Event event = sent.get(i);
                    sentMessages += event.addresses().size();
                    for (String address : event.addresses()) {
                        TextMessage message = session.createTextMessage(event.text());
                        if (duplicateIds) {
                            message.setStringProperty(DUPLICATE_ID, event.id() + "/bare");
                        }
                        message.setBooleanProperty(MARK, true);
                        message.setJMSType(event.type());
                        producer.send(topics.computeIfAbsent(address, ActiveMQJMSClient::createTopic), message);
                    }
                    if ((i + 1) % ROWS_PER_TRANSACTION == 0 || i == sent.size() - 1) {
                        session.commit();
                    }
                }
                await("the units' systems take the bare sender's messages").atMost(patience)
                        .pollInterval(Duration.ofMillis(20)).until(() -> readers.takenBare() - takenBefore >= messages);
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Figures(sent.size(), messages, seconds, ProcessCpu.ofTree(brokerPid) - broker,
                        os.getProcessCpuTime() - sender, ProcessCpu.machineBusy() - machine,
                        readers.taken() - allBefore - messages);
            }
        }
    }

    /**
     * The last unit events of the outbox (one row each: an event and its units), oldest first, each to the addresses the
     * readers read: a mediation body's, or a unit's with a setting of its own, would never be taken.
     */
    private static List<Event> lastUnitEvents(Connection index, int events, UnitReaders readers) throws SQLException {
        List<Event> read = new ArrayList<>();
        try (PreparedStatement select = index.prepareStatement("SELECT o.event_id, e.event_type, e.event_json, o.units,"
                + " o.destination FROM outbox o JOIN case_event e ON e.event_id = o.event_id WHERE o.channel = 'artemis'"
                + " ORDER BY o.id DESC FETCH FIRST " + events + " ROWS ONLY")) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String units = rs.getString(4);
                    List<String> destinations = units == null ? List.of(rs.getString(5))
                            : units.isEmpty() ? List.of() : List.of(units.split(" "));
                    read.add(new Event(rs.getString(1), rs.getString(2), rs.getString(3), destinations.stream()
                            .map(d -> d.substring("artemis:".length())).filter(readers::reads).toList()));
                }
            }
        }
        Collections.reverse(read);
        return read;
    }
}
