package org.casehub.ops;

import java.util.Optional;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.casehub.health.OpsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How the hub asks Artemis about itself: the embedded broker in-process, when it runs; an external one through its
 * management address ({@code activemq.management}) for an attribute or an operation's result, as a client sees the
 * broker — the hub's Artemis user then needs the {@code manage} permission. Waits at most
 * {@code casehub.ops.lag-timeout} for an answer.
 */
@Component
class ArtemisManagement {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final ConnectionFactory connections;
    private final long timeoutMillis;

    ArtemisManagement(ObjectProvider<EmbeddedActiveMQ> embedded, ConnectionFactory connections, OpsProperties ops) {
        this.embedded = embedded;
        this.connections = connections;
        this.timeoutMillis = ops.lagTimeout().toMillis();
    }

    /** The embedded broker's server; empty with an external broker. */
    Optional<ActiveMQServer> embedded() {
        return Optional.ofNullable(embedded.getIfAvailable()).map(EmbeddedActiveMQ::getActiveMQServer);
    }

    <T> T invoke(Class<T> type, String resource, String operation, Object... parameters) throws JMSException {
        return ask(type, request -> JMSManagementHelper.putOperationInvocation(request, resource, operation, parameters));
    }

    <T> T attribute(Class<T> type, String resource, String attribute) throws JMSException {
        return ask(type, request -> JMSManagementHelper.putAttribute(request, resource, attribute));
    }

    private interface Request {
        void fill(Message request) throws JMSException;
    }

    private <T> T ask(Class<T> type, Request question) throws JMSException {
        try (Connection connection = connections.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            Message request = session.createMessage();
            question.fill(request);
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue(MANAGEMENT_ADDRESS)).send(request);
            Message reply = consumer.receive(timeoutMillis);
            if (reply == null) {
                throw new IllegalStateException("no answer from " + MANAGEMENT_ADDRESS + " within " + timeoutMillis + " ms");
            }
            boolean succeeded = JMSManagementHelper.hasOperationSucceeded(reply);
            try {
                if (!succeeded) {
                    throw new IllegalStateException("refused: " + JMSManagementHelper.getResult(reply));
                }
                return type.cast(JMSManagementHelper.getResult(reply, type));
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("unreadable answer: " + e.getMessage(), e);
            }
        }
    }
}
