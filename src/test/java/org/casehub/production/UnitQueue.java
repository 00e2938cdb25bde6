package org.casehub.production;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.support.Revisions;

/** A unit's system reading its own queue on the broker, and reporting on casehub.progress, logged in as the unit's own Artemis user. */
final class UnitQueue {

    private UnitQueue() {
    }

    static String queueOf(String unit) {
        return "casehub.unit." + unit;
    }

    /** The unit's queue by its fully qualified name (address::queue): the address is multicast. */
    private static String fqqn(String unit) {
        return queueOf(unit) + "::" + queueOf(unit);
    }

    /**
     * Takes (and acknowledges) every message the queue holds now, giving the event ids ({@code _AMQ_DUPL_ID}) of the
     * case revisions among them (their JMS type, {@link Revisions#TYPES}) in the order received; stops after two
     * seconds without a message. The deadline reminders that the clock sends the unit at any moment are taken and
     * left out: the deadline ITs prove them.
     */
    static List<String> drain(String url, String user, String password, String unit) throws JMSException {
        List<String> eventIds = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(fqqn(unit)));
            connection.start();
            Message message;
            while ((message = consumer.receive(2000)) != null) {
                if (Revisions.TYPES.contains(message.getJMSType())) {
                    eventIds.add(message.getStringProperty("_AMQ_DUPL_ID"));
                }
                message.acknowledge();
            }
        }
        return eventIds;
    }

    /** Sends one JSON report to the anycast address casehub.progress, logged in as the given user. */
    static void report(String url, String user, String password, String report) throws JMSException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(report.getBytes(StandardCharsets.UTF_8));
            session.createProducer(session.createQueue("casehub.progress")).send(message);
        }
    }

    /** Opens a consumer on the unit's queue and closes it: throws what the broker answers (a refusal). */
    static void open(String url, String user, String password, String unit) throws JMSException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(fqqn(unit))).close();
        }
    }
}
