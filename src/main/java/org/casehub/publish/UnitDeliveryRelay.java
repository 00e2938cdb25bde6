package org.casehub.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.apache.activemq.artemis.api.core.ActiveMQAddressDoesNotExistException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.casehub.cluster.LeaderLeases;
import org.casehub.network.ArtemisCore;
import org.casehub.network.NetworkProperties;
import org.casehub.publish.OutboxRepository.Holds;
import org.casehub.publish.OutboxRepository.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox to the units: one persistent message per event and unit, to the unit's multicast
 * address casehub.unit.&lt;unit code&gt; — an event's one row lists all its units ({@link OutboxRepository#UNITS}) and
 * is expanded here —, many messages per Artemis transaction (one disk sync per batch
 * instead of one per message), sent without waiting for the broker's answer to each: the commit answers for the whole
 * batch ({@link ArtemisCore#transactedSendsOnly}), one round trip per transaction instead of one per message. Each message carries {@code _AMQ_DUPL_ID} = event id, so a batch sent
 * again after a crash between the broker's commit and the outbox update is dropped by the broker (its duplicate cache
 * is per address, so one event id to many addresses is right). A message the broker refuses for good (an address the
 * hub may not send to, or that does not exist) is parked alone: a grouped row's refused destination is first split off
 * into a row of its own ({@link OutboxRepository#split}), which is parked, while the row's other units are delivered
 * once. A destination of a grouped row whose case has a parked row for it (or an earlier split-off row still pending)
 * is split off before sending, and waits behind it as single rows do. The loop and the parking are
 * {@link OutboxChannelRelay}'s. A transport failure ends the round with the exception, the batch pending.
 */
@Component("unitDeliveryRelay")
public class UnitDeliveryRelay extends OutboxChannelRelay<JMSException> {

    private static final Logger log = LoggerFactory.getLogger(UnitDeliveryRelay.class);
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** The outbox channel this relay serves: rows whose destination is artemis:&lt;address&gt;. */
    private static final String CHANNEL = "artemis";

    /** With several hub instances, the one holding this lease delivers, so that each unit gets a case's events in order. */
    static final String LEASE = lease(CHANNEL);

    private final OutboxRepository outbox;
    private final ConnectionFactory connections;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    /** the addresses this connection's producer has sent to: each checked with the broker once (see {@link #topic}) */
    private final Map<String, Topic> topics = new HashMap<>();

    public UnitDeliveryRelay(OutboxRepository outbox, ConnectionFactory connections, NetworkProperties network,
                             PublishProperties publish, LeaderLeases leases) {
        super(outbox, leases, CHANNEL, network.deliveryBatchSize(), publish.relayPeriod());
        this.outbox = outbox;
        this.connections = ArtemisCore.transactedSendsOnly(connections);
    }

    /** Why the broker refused a transaction that a send again cannot change: a duplicate, or a message's own fault. */
    record Refusal(boolean duplicate, String reason) {
    }

    @Override
    protected Outcome deliver(List<Pending> rows) throws JMSException {
        List<Pending> batch = withoutHeld(rows);
        List<Message> messages = batch.stream().flatMap(row -> row.destinations().stream()
                .map(destination -> new Message(row, destination))).toList();
        if (sendInOneTransaction(messages) == null) {
            log.debug("delivered {} unit message(s)", messages.size());
            return new Outcome(batch, Map.of());
        }
        // some of these reached the broker before (a crash left their rows pending), or one of them is refused for
        // good: one transaction per message lets the duplicate check drop exactly those, and parks only the refused
        // one (split off its grouped row first) — the later messages of its case to the same address wait behind it
        List<Pending> delivered = new ArrayList<>();
        Map<Pending, String> refused = new LinkedHashMap<>();
        Set<String> held = new HashSet<>();
        for (Pending row : batch) {
            Pending rest = row;
            for (String destination : row.destinations()) {
                String stream = Holds.key(row.caseId(), destination);
                if (held.contains(stream)) {
                    splitOff(rest, destination);   // a single row simply stays pending
                    rest = without(rest, destination);
                    continue;
                }
                Refusal refusal = sendInOneTransaction(List.of(new Message(row, destination)));
                if (refusal != null && refusal.duplicate()) {
                    log.info("unit message {} to {} was delivered before; not sent again", row.eventId(), destination);
                } else if (refusal != null) {
                    held.add(stream);
                    refused.put(row.units() == null ? row : splitOff(rest, destination), refusal.reason());
                    rest = without(rest, destination);
                }
            }
            if (rest != null) {
                delivered.add(rest);
            }
        }
        return new Outcome(delivered, refused);
    }

    /**
     * The rows to send now: a single row whose destination has to wait (see {@link Holds#holds}) stays pending; a
     * grouped row's destination that has to wait is split off into a pending row of its own, which the parked row
     * before it holds back (or which waits for its place), and the row goes to its other units.
     */
    private List<Pending> withoutHeld(List<Pending> rows) {
        Holds holds = outbox.holds(rows.stream().map(Pending::caseId).toList());
        if (holds.parked().isEmpty() && holds.split().isEmpty()) {
            return rows;
        }
        List<Pending> batch = new ArrayList<>();
        for (Pending row : rows) {
            Pending rest = row;
            for (String destination : row.destinations()) {
                if (holds.holds(row, destination)) {
                    Pending split = splitOff(rest, destination);
                    if (split != null) {
                        holds.split().add(split);   // later rows of its case for that destination wait behind it
                    }
                    rest = without(rest, destination);
                }
            }
            if (rest != null) {
                batch.add(rest);
            }
        }
        return batch;
    }

    /** A grouped row's destination split off into a pending row of its own, which it returns; null for a single row. */
    private Pending splitOff(Pending row, String destination) {
        return row == null || row.units() == null ? null : outbox.split(row, destination);
    }

    /** The row without one destination: a grouped row for its other units, or nothing of a single row. */
    private static Pending without(Pending row, String destination) {
        return row == null || row.units() == null ? null : row.without(destination);
    }

    /** One event to one unit's destination. */
    private record Message(Pending row, String destination) {
    }

    /**
     * Sends the messages in one transaction: null once committed, the refusal when the broker refused a duplicate or a
     * message for good (the transaction rolled back); a transport failure is thrown.
     */
    private Refusal sendInOneTransaction(List<Message> messages) throws JMSException {
        try {
            open();
            for (Message m : messages) {
                TextMessage message = session.createTextMessage(m.row().event());
                message.setStringProperty(DUPLICATE_ID, m.row().eventId());
                message.setJMSType(m.row().type());
                producer.send(topics.computeIfAbsent(m.destination().substring(CHANNEL.length() + 1),
                        UnitDeliveryRelay::topic), message);
            }
            session.commit();
            return null;
        } catch (JMSException e) {
            Refusal refusal = refusal(e);
            if (refusal == null) {
                closeConnection();
                throw e;
            }
            rollback();
            return refusal;
        }
    }

    /**
     * A duplicate, or a refusal that is one message's own — its address refuses the hub's user (security) or does not
     * exist — or null for the transport's failures.
     */
    static Refusal refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return new Refusal(true, t.getMessage());
            }
            if (t instanceof JMSSecurityException || t instanceof InvalidDestinationException
                    || t instanceof ActiveMQSecurityException || t instanceof ActiveMQAddressDoesNotExistException) {
                return new Refusal(false, t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
        return null;
    }

    private void rollback() {
        try {
            session.rollback();
        } catch (JMSException e) {
            log.debug("rolling back a refused unit transaction: {}", e.getMessage());
        }
    }

    /** One connection, session and producer for all batches, and the addresses they have checked. */
    private void open() throws JMSException {
        if (connection == null) {
            connection = connections.createConnection();
            session = connection.createSession(Session.SESSION_TRANSACTED);
            producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }
    }

    /**
     * The address as a JMS destination, made on the client: {@code session.createTopic} would ask the broker about the
     * address. The producer's first send to it asks (and refuses an address that does not exist, which parks the row)
     * and marks the destination checked; Artemis' JMS client asks again for every destination object it has not
     * checked, so one made per message cost a round trip to the broker per message (and the broker a scan of every
     * address): the relay keeps them, one per address, for the life of its connection.
     */
    private static Topic topic(String address) {
        return ActiveMQJMSClient.createTopic(address);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                log.debug("closing a failed Artemis connection: {}", e.getMessage());
            }
            connection = null;
            session = null;
            producer = null;
            topics.clear();
        }
    }

    @Override
    protected void close() {
        closeConnection();
    }

}
