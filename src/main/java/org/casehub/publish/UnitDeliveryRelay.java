package org.casehub.publish;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.casehub.network.NetworkProperties;
import org.casehub.network.UnitResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate jdbc;
    private final ConnectionFactory connections;
    private final int batchSize;
    private Connection connection;

    public UnitDeliveryRelay(JdbcTemplate jdbc, ConnectionFactory connections, NetworkProperties network) {
        this.jdbc = jdbc;
        this.connections = connections;
        this.batchSize = network.deliveryBatchSize();
    }

    /** Delivers until no unit message is pending; returns how many went out. */
    public synchronized int relay() throws JMSException {
        int total = 0;
        int sent;
        do {
            sent = relayBatch();
            total += sent;
        } while (sent == batchSize);
        return total;
    }

    private int relayBatch() throws JMSException {
        List<Pending> pending = jdbc.query(
                "SELECT o.id, o.event_id, o.destination, e.event_type, e.event_json FROM outbox o"
                        + " JOIN case_event e ON e.event_id = o.event_id"
                        + " WHERE o.destination LIKE ? AND o.published_at IS NULL ORDER BY o.id FETCH FIRST " + batchSize + " ROWS ONLY",
                (rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                UnitResolver.DESTINATION_PREFIX + "%");
        if (pending.isEmpty()) {
            return 0;
        }
        try (Session session = connection().createSession(Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(null)) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Pending row : pending) {
                TextMessage message = session.createTextMessage(row.event());
                message.setStringProperty(DUPLICATE_ID, row.eventId());
                message.setJMSType(row.type());
                String address = row.destination().substring("artemis:".length());
                producer.send(session.createTopic(address), message);
            }
            session.commit();
        } catch (JMSException e) {
            closeConnection();
            throw e;
        }
        List<Object[]> published = new ArrayList<>(pending.size());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        pending.forEach(row -> published.add(new Object[] {now, row.id()}));
        jdbc.batchUpdate("UPDATE outbox SET published_at = ? WHERE id = ?", published);
        log.debug("delivered {} unit message(s)", pending.size());
        return pending.size();
    }

    private Connection connection() throws JMSException {
        if (connection == null) {
            connection = connections.createConnection();
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                log.debug("closing a failed Artemis connection: {}", e.getMessage());
            }
            connection = null;
        }
    }

    @Override
    public synchronized void destroy() {
        closeConnection();
    }

    private record Pending(long id, String eventId, String destination, String type, String event) {
    }
}
