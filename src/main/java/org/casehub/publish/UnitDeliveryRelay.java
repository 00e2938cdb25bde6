package org.casehub.publish;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.casehub.cluster.LeaderLeases;
import org.casehub.network.NetworkProperties;
import org.casehub.publish.OutboxRepository.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox to the units: one persistent message per event and unit, to the unit's multicast
 * address casehub.unit.&lt;unit code&gt;, many messages per Artemis transaction (one disk sync per batch
 * instead of one per message). Each message carries {@code _AMQ_DUPL_ID} = event id, so a batch sent
 * again after a crash between the broker's commit and the outbox update is dropped by the broker.
 */
@Component("unitDeliveryRelay")
public class UnitDeliveryRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UnitDeliveryRelay.class);
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** The outbox channel this relay serves: rows whose destination is artemis:&lt;address&gt;. */
    private static final String CHANNEL = "artemis";

    /** With several hub instances, the one holding this lease delivers, so that each unit gets a case's events in order. */
    static final String LEASE = "relay:" + CHANNEL;

    private final OutboxRepository outbox;
    private final ConnectionFactory connections;
    private final LeaderLeases leases;
    private final int batchSize;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private final Map<String, Topic> topics = new HashMap<>();

    public UnitDeliveryRelay(OutboxRepository outbox, ConnectionFactory connections, NetworkProperties network,
                             LeaderLeases leases) {
        this.outbox = outbox;
        this.connections = connections;
        this.leases = leases;
        this.batchSize = network.deliveryBatchSize();
    }

    /** Delivers until no unit message is pending; returns how many went out. */
    public synchronized int relay() throws JMSException {
        if (!leases.hold(LEASE)) {
            return 0;
        }
        int total = 0;
        int sent;
        do {
            sent = relayBatch();
            total += sent;
        } while (sent == batchSize);
        return total;
    }

    private int relayBatch() throws JMSException {
        List<Pending> pending = outbox.pending(CHANNEL, batchSize);
        if (pending.isEmpty()) {
            return 0;
        }
        if (!sendInOneTransaction(pending)) {
            // some of these reached the broker before (a crash left their rows pending), so the broker refused
            // the transaction: one transaction per message lets its duplicate check drop exactly those
            for (Pending row : pending) {
                if (!sendInOneTransaction(List.of(row))) {
                    log.info("unit message {} to {} was delivered before; not sent again", row.eventId(), row.destination());
                }
            }
        }
        outbox.markPublished(pending);
        log.debug("delivered {} unit message(s)", pending.size());
        return pending.size();
    }

    /** Sends the rows in one transaction: true once committed, false when the broker refused a duplicate. */
    private boolean sendInOneTransaction(List<Pending> rows) throws JMSException {
        try {
            open();
            for (Pending row : rows) {
                TextMessage message = session.createTextMessage(row.event());
                message.setStringProperty(DUPLICATE_ID, row.eventId());
                message.setJMSType(row.type());
                producer.send(topic(row.destination().substring(CHANNEL.length() + 1)), message);
            }
            session.commit();
            return true;
        } catch (JMSException e) {
            if (isDuplicate(e)) {
                session.rollback();
                return false;
            }
            closeConnection();
            throw e;
        }
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    /** One connection, session and producer for all batches: a fresh session would look every address up again. */
    private void open() throws JMSException {
        if (connection == null) {
            connection = connections.createConnection();
            session = connection.createSession(Session.SESSION_TRANSACTED);
            producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }
    }

    private Topic topic(String address) throws JMSException {
        Topic topic = topics.get(address);
        if (topic == null) {
            topic = session.createTopic(address);
            topics.put(address, topic);
        }
        return topic;
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
    public synchronized void destroy() {
        closeConnection();
    }

}
