package org.casehub.ops;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.health.OpsProperties;
import org.casehub.network.ArtemisCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How the hub asks Artemis about itself: the embedded broker in-process, when it runs; an external one through its
 * management address ({@code activemq.management}) for an attribute or an operation's result, as a client sees the
 * broker — the hub's Artemis user then needs the {@code manage} permission. Waits at most
 * {@code casehub.ops.lag-timeout} for an answer.
 * <p>
 * The questions go over one connection of its own, kept open with its session, temporary reply queue and consumer:
 * feed health asks four questions every refresh (2 s). A session and reply queue per question cost the broker a set-up
 * and tear-down each time — and on the hub's connection factory (Spring's caching one, whose connection is shared and
 * never closed) they were never torn down at all. One question at a time; after a failure or an answer that did not
 * come in time the connection is closed (a late answer must not answer the next question) and the next question opens
 * another. An answer is reused for {@code casehub.ops.broker-refresh} (30 s): listing the units' queues makes the broker
 * render each of them as JSON.
 */
@Component
class ArtemisManagement implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArtemisManagement.class);
    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final ConnectionFactory connections;
    private final long timeoutMillis;
    private final long reuseNanos;
    private final Map<String, Answer> answers = new HashMap<>();
    /** the hub's factory's settings, for connections of this class's own (made at the first question) */
    private ActiveMQConnectionFactory own;
    private Channel channel;

    ArtemisManagement(ObjectProvider<EmbeddedActiveMQ> embedded, ConnectionFactory connections, OpsProperties ops) {
        this.embedded = embedded;
        this.connections = connections;
        this.timeoutMillis = ops.lagTimeout().toMillis();
        this.reuseNanos = ops.brokerRefresh().toNanos();
    }

    /** The embedded broker's server; empty with an external broker. */
    Optional<ActiveMQServer> embedded() {
        return Optional.ofNullable(embedded.getIfAvailable()).map(EmbeddedActiveMQ::getActiveMQServer);
    }

    /**
     * What the caller makes of an operation's answer, kept with the answer: an answer reused is not read again. An
     * operation with its parameters is asked by one caller, so what is kept for it is always that caller's reading.
     */
    <T, R> R invoke(Class<T> type, Reading<T, R> reading, String resource, String operation, Object... parameters)
            throws JMSException {
        return remembered(resource + "." + operation + Arrays.deepToString(parameters), () -> {
            T answer = ask(type, request -> JMSManagementHelper.putOperationInvocation(request, resource, operation,
                    parameters));
            try {
                return reading.read(answer);
            } catch (Exception e) {
                throw new IllegalStateException("unreadable answer: " + e.getMessage(), e);
            }
        });
    }

    <T> T attribute(Class<T> type, String resource, String attribute) throws JMSException {
        return remembered(resource + "." + attribute,
                () -> ask(type, request -> JMSManagementHelper.putAttribute(request, resource, attribute)));
    }

    /** What a caller makes of an answer (say, the queues parsed out of a JSON list). */
    interface Reading<T, R> {
        R read(T answer) throws Exception;
    }

    private interface Asking<R> {
        R ask() throws JMSException;
    }

    /** An answer as its caller read it, and when it came. */
    private record Answer(Object value, long atNanos) {
    }

    /** The answer to this question, asked again once the last one is older than {@code casehub.ops.broker-refresh}. */
    private synchronized <R> R remembered(String question, Asking<R> asking) throws JMSException {
        Answer last = answers.get(question);
        long now = System.nanoTime();
        if (last != null && now - last.atNanos() < reuseNanos) {
            @SuppressWarnings("unchecked") // a question's answer is always read the same way: kept as its asking made it
            R kept = (R) last.value();
            return kept;
        }
        R value = asking.ask();
        answers.put(question, new Answer(value, now));
        return value;
    }

    private interface Request {
        void fill(Message request) throws JMSException;
    }

    /** The connection and what a question needs on it, kept between questions. */
    private record Channel(Connection connection, Session session, MessageProducer producer, TemporaryQueue replies,
                           MessageConsumer consumer) {

        static Channel open(ConnectionFactory factory) throws JMSException {
            Connection connection = factory.createConnection();
            try {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                TemporaryQueue replies = session.createTemporaryQueue();
                MessageConsumer consumer = session.createConsumer(replies);
                MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
                connection.start();
                return new Channel(connection, session, producer, replies, consumer);
            } catch (JMSException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
    }

    private synchronized <T> T ask(Class<T> type, Request question) throws JMSException {
        Message reply = null;
        for (boolean kept = channel != null; reply == null; kept = false) {
            try {
                if (channel == null) {
                    own = own == null ? ArtemisCore.copy(connections) : own;
                    channel = Channel.open(own);
                }
                Message request = channel.session().createMessage();
                question.fill(request);
                request.setJMSReplyTo(channel.replies());
                channel.producer().send(request);
                reply = channel.consumer().receive(timeoutMillis);
                break;
            } catch (JMSException | RuntimeException e) {
                hangUp();
                if (!kept) {
                    throw e;
                }
                // the kept connection died (a broker restarted since the last question): once more on a new one
                log.debug("the management connection was lost ({}); asking again on a new one", e.getMessage());
            }
        }
        if (reply == null) {
            hangUp();
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

    /** Closes the connection and its factory (the hub stops). */
    @Override
    public synchronized void close() {
        hangUp();
        if (own != null) {
            own.close();
            own = null;
        }
    }

    /** Closes the connection (its temporary queue goes with it); the next question opens another. */
    private void hangUp() {
        if (channel != null) {
            try {
                channel.connection().close();
            } catch (JMSException e) {
                log.debug("closing the management connection: {}", e.getMessage());
            }
            channel = null;
        }
    }
}
