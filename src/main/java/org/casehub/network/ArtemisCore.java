package org.casehub.network;

import java.io.IOException;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jms.connection.DelegatingConnectionFactory;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Artemis core sessions for what JMS cannot do (create a unit's queue, query it), opened through the hub's own JMS
 * connection factory so that they reach the same broker with the same user and password
 * ({@code spring.artemis.user}/{@code password}): a core session opened without them is refused by a broker that
 * requires a login ("AMQ229031: Unable to validate user … Username: null").
 */
@Component
public class ArtemisCore {

    private final ActiveMQConnectionFactory artemis;

    public ArtemisCore(ConnectionFactory connections) {
        this.artemis = artemis(connections);
    }

    /** A core session of the configured user; close the returned factory, which closes the session. */
    public Session open() throws Exception {
        // the locator belongs to the connection factory, which the hub goes on using: never close it
        ClientSessionFactory factory = artemis.getServerLocator().createSessionFactory();
        try {
            ClientSession session = factory.createSession(artemis.getUser(), artemis.getPassword(), false, true, true,
                    artemis.getServerLocator().isPreAcknowledge(), artemis.getServerLocator().getAckBatchSize());
            return new Session(factory, session);
        } catch (ActiveMQException e) {
            factory.close();
            throw e;
        }
    }

    /** The configured Artemis user, null when none is set (a broker without security). */
    public String user() {
        return artemis.getUser();
    }

    /**
     * A connection factory to the same broker as the same user (its settings copied, the hub's own factory untouched),
     * whose persistent sends do not wait for the broker's answer one by one. For transacted sessions only: there the
     * commit is the answer for every send before it — the broker processes a session's packets in order, and a send
     * it refuses (the user may not send there, the journal failed, a duplicate id) marks the transaction rollback-only,
     * so the commit fails with that refusal — while the default, a round trip per persistent send, caps a relay at one
     * message per network round trip (~300/s across processes on a loaded 2-core machine).
     */
    public static ConnectionFactory transactedSendsOnly(ConnectionFactory connections) {
        ActiveMQConnectionFactory own = copy(connections);
        own.setBlockOnDurableSend(false);
        return own;
    }

    /**
     * A connection factory to the same broker as the same user, its settings copied: its connections are the caller's
     * own, closed when closed — the hub's factory is Spring's caching one, whose one connection is shared and whose
     * close does nothing.
     */
    public static ActiveMQConnectionFactory copy(ConnectionFactory connections) {
        ActiveMQConnectionFactory shared = artemis(connections);
        try {
            return new ActiveMQConnectionFactory(shared.toURI().toString(), shared.getUser(), shared.getPassword());
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the Artemis connection factory's settings", e);
        }
    }

    /** A core session and the factory it came from, closed together. */
    public record Session(ClientSessionFactory factory, ClientSession session) implements AutoCloseable {

        @Override
        public void close() {
            factory.close();
        }
    }

    private static ActiveMQConnectionFactory artemis(ConnectionFactory factory) {
        ConnectionFactory target = factory;
        while (!(target instanceof ActiveMQConnectionFactory)) {
            if (target instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null) {
                target = single.getTargetConnectionFactory();
            } else if (target instanceof DelegatingConnectionFactory delegating) {
                target = delegating.getTargetConnectionFactory();
            } else {
                throw new IllegalStateException("not an Artemis connection factory: " + factory.getClass().getName());
            }
        }
        return (ActiveMQConnectionFactory) target;
    }
}
