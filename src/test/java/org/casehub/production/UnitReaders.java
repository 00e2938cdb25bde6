package org.casehub.production;

import java.util.ArrayList;
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

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The units' systems taking their messages while the throughput benchmark runs, as they do in production: a consumer on
 * every unit queue the hub provisioned (and each legal channel), acknowledging in batches. Without them every message
 * stays on the broker, and the addresses that get every case (the province's, the city's, each district's) pass their
 * max-size-bytes within seconds and page to disk: the broker's CPU per record was then that of paging, which a
 * deployment whose units keep up never pays. One benchmark user may read them all (its own security setting for
 * casehub.unit.#, repeating the hub's permissions: Artemis applies the most specific match alone); the one unit with a
 * setting of its own in the shipped examples is left unread.
 */
final class UnitReaders implements AutoCloseable {

    static final String USER = "bench-units";
    private static final String PASSWORD = "bench-units-suite";
    private static final String PREFIX = "casehub.unit.";
    /** consumers share a few sessions: each session delivers on one thread, and a listener here only counts */
    private static final int SESSIONS = 4;

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong takenBare = new AtomicLong();
    private final List<String> unread = new ArrayList<>();
    private final Set<String> queues = new HashSet<>();

    /** The security setting that lets {@link #USER} read every unit queue, for {@link ArtemisBroker#create}. */
    static String security() {
        return "<security-setting match=\"" + PREFIX + "#\">"
                + "<permission type=\"createAddress\" roles=\"casehub-hub\"/>"
                + "<permission type=\"createDurableQueue\" roles=\"casehub-hub\"/>"
                + "<permission type=\"send\" roles=\"casehub-hub\"/>"
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
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            sessions.add(readers.connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE));
        }
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
