package org.casehub.production;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.network.ArtemisCore;
import org.casehub.network.Tier;

/**
 * The units' systems taking their messages while the throughput benchmark runs, as they do in production: a consumer on
 * every unit queue the hub provisioned (and each legal channel), acknowledging in batches. Without them every message
 * stays on the broker, and the addresses that get every case (the province's, the city's, each district's) pass their
 * max-size-bytes within seconds and page to disk: the broker's CPU per record was then that of paging, which a
 * deployment whose units keep up never pays. One benchmark user may read them all (its own security setting for
 * casehub.unit.#, repeating the hub's permissions: Artemis applies the most specific match alone); the one unit with a
 * setting of its own in the shipped examples is left unread. For the transports' floor it also reads queues of its own
 * on wildcard addresses of the division tree ({@link #ROUTED}), to measure another delivery shape.
 */
final class UnitReaders implements AutoCloseable {

    static final String USER = "bench-units";
    static final String PASSWORD = "bench-units-suite";
    static final String PREFIX = "casehub.unit.";
    /**
     * The benchmark's own addresses for the delivery shape "one send routed by the broker to many unit queues"
     * ({@link BareUnitDelivery.Shape#ROUTED}): a unit's place in the division tree, its code and each above it as words
     * ({@code casehub.tree.44.4403.440305.440305007.440305007012}); each unit's queue is bound to the wildcard address
     * below its place ({@code casehub.tree.44.4403.440305.#}), so one message sent to a community's place is routed to
     * its queue and to its street's, district's, city's and province's.
     */
    static final String ROUTED = "casehub.tree.";
    /** consumers share a few sessions: each session delivers on one thread, and a listener here only counts */
    private static final int SESSIONS = 4;

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong takenBare = new AtomicLong();
    private final List<String> unread = new ArrayList<>();
    private final Set<String> queues = new HashSet<>();

    /**
     * The security settings that let {@link #USER} read every unit queue, and own the {@link #ROUTED} addresses, for
     * {@link ArtemisBroker#create}.
     */
    static String security() {
        return "<security-setting match=\"" + PREFIX + "#\">"
                + "<permission type=\"createAddress\" roles=\"casehub-hub\"/>"
                + "<permission type=\"createDurableQueue\" roles=\"casehub-hub\"/>"
                + "<permission type=\"send\" roles=\"casehub-hub\"/>"
                + "<permission type=\"consume\" roles=\"" + USER + "\"/></security-setting>"
                + "<security-setting match=\"" + ROUTED + "#\">"
                + "<permission type=\"createAddress\" roles=\"" + USER + "\"/>"
                + "<permission type=\"createDurableQueue\" roles=\"" + USER + "\"/>"
                + "<permission type=\"send\" roles=\"" + USER + "\"/>"
                + "<permission type=\"consume\" roles=\"" + USER + "\"/></security-setting>";
    }

    /** Its user and role lines, as [users, roles] for {@link ArtemisBroker#create}. */
    static String[] users() {
        return new String[] {USER + " = " + PASSWORD + "\n", USER + " = " + USER + "\n"};
    }

    private UnitReaders(String url) throws JMSException {
        factory = new ActiveMQConnectionFactory(url, USER, PASSWORD);
        connection = factory.createConnection();
    }

    /**
     * Starts reading every unit queue the broker has now (the hub provisions them all at its start), asking the broker
     * for their names as the hub's user, which may manage it.
     */
    static UnitReaders start(String url, String hubUser, String hubPassword) throws Exception {
        List<String> queues = unitQueues(url, hubUser, hubPassword);
        UnitReaders readers = new UnitReaders(url);
        List<Session> sessions = readers.sessions();
        for (int i = 0; i < queues.size(); i++) {
            String queue = queues.get(i);
            Session session = sessions.get(i % SESSIONS);
            try {
                session.createConsumer(session.createQueue(queue + "::" + queue))
                        .setMessageListener(message -> readers.took(message));
                readers.queues.add(queue);
            } catch (JMSSecurityException e) {
                readers.unread.add(queue);
            }
        }
        readers.connection.start();
        return readers;
    }

    private static List<String> unitQueues(String url, String user, String password) throws Exception {
        try (ActiveMQConnectionFactory management = new ActiveMQConnectionFactory(url, user, password);
             QueueConnection connection = management.createQueueConnection()) {
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueRequestor requestor = new QueueRequestor(session, ActiveMQJMSClient.createQueue("activemq.management"));
            connection.start();
            Message request = session.createMessage();
            JMSManagementHelper.putAttribute(request, ResourceNames.BROKER, "queueNames");
            Message reply = requestor.request(request);
            if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("the broker did not list its queues: " + JMSManagementHelper.getResult(reply));
            }
            List<String> queues = new ArrayList<>();
            for (Object name : (Object[]) JMSManagementHelper.getResult(reply)) {
                if (name.toString().startsWith(PREFIX)) {
                    queues.add(name.toString());
                }
            }
            return queues;
        }
    }

    /** A division's code and each above it, province first; empty for a code of no tier's length (a zone's). */
    static List<String> above(String code) {
        if (Tier.of(code).isEmpty()) {
            return List.of();
        }
        return Arrays.stream(Tier.values()).map(Tier::codeLength).filter(length -> length <= code.length())
                .map(length -> code.substring(0, length)).toList();
    }

    /** A division's {@link #ROUTED} place: its code and each above it as words. */
    static String place(String code) {
        return ROUTED + String.join(".", above(code));
    }

    /**
     * Binds a queue for each of these units (divisions of a tier) to the wildcard address below its {@link #ROUTED}
     * place, creates the place itself (a send to an address the broker creates on its own is deleted again once it has
     * no queue of its own), and reads the queues.
     */
    void readRouted(Collection<String> units) throws Exception {
        List<String> bound = new ArrayList<>();
        try (ArtemisCore.Session core = new ArtemisCore(factory).open()) {
            for (String unit : units.stream().distinct().filter(unit -> !above(unit).isEmpty()).toList()) {
                String place = place(unit);
                String queue = ROUTED + "queue." + unit;
                core.session().createAddress(SimpleString.of(place), RoutingType.MULTICAST, false);
                core.session().createQueue(QueueConfiguration.of(queue).setAddress(place + ".#")
                        .setRoutingType(RoutingType.MULTICAST).setDurable(true));
                bound.add(place + ".#::" + queue);
            }
        }
        List<Session> sessions = sessions();
        for (int i = 0; i < bound.size(); i++) {
            Session session = sessions.get(i % SESSIONS);
            session.createConsumer(session.createQueue(bound.get(i))).setMessageListener(this::took);
        }
    }

    /** {@value #SESSIONS} sessions of its own for a set of consumers, each acknowledging in batches as units do. */
    private List<Session> sessions() throws JMSException {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            sessions.add(connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE));
        }
        return sessions;
    }

    private void took(Message message) {
        taken.incrementAndGet();
        try {
            if (message.propertyExists(BareUnitDelivery.MARK)) {
                takenBare.incrementAndGet();
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read a unit message's properties", e);
        }
    }

    /** Messages taken so far. */
    long taken() {
        return taken.get();
    }

    /** Messages of {@link BareUnitDelivery} taken so far (marked {@link BareUnitDelivery#MARK}). */
    long takenBare() {
        return takenBare.get();
    }

    /** Whether a queue of this address is read here (a unit's default queue is named as its address). */
    boolean reads(String address) {
        return queues.contains(address);
    }

    String describe() {
        return String.format("%,d unit queues read by %d sessions of one connection (%s unread: a setting of its own)",
                queues.size(), SESSIONS, unread.isEmpty() ? "none" : String.join(", ", unread));
    }

    @Override
    public void close() throws JMSException {
        try {
            connection.close();
        } finally {
            factory.close();
        }
    }
}
