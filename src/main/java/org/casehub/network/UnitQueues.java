package org.casehub.network;

import java.util.Set;

import org.apache.activemq.artemis.api.core.ActiveMQAddressDoesNotExistException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Gives every provisioned unit its durable queue, named like its multicast address, before the routes
 * start: a multicast address without a queue drops what is sent to it. Downstream systems may bind
 * more queues to a unit's address themselves. Works on the embedded broker and on a production one
 * (the hub's Artemis user then needs the createAddress/createDurableQueue/send permissions on casehub.unit.#: a
 * missing one stops the start with {@link ArtemisPermissionMissing}, naming it and the address).
 */
@Component
public class UnitQueues implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(UnitQueues.class);
    /** an address under casehub.unit.# that is no unit's (unit codes are digits, zones' digits and capitals) */
    private static final SimpleString SEND_CHECK = SimpleString.of(UnitResolver.ADDRESS_PREFIX + "send-permission-check");

    private final ArtemisCore artemis;
    private final UnitResolver units;

    public UnitQueues(ArtemisCore artemis, UnitResolver units) {
        this.artemis = artemis;
        this.units = units;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> provisioned = units.provisionedUnits();
        int created = 0;
        try (ArtemisCore.Session core = artemis.open()) {
            ClientSession session = core.session();
            for (String unit : provisioned) {
                SimpleString name = SimpleString.of(UnitResolver.address(unit));
                if (!session.queueQuery(name).isExists() && create(session, name)) {
                    created++;
                }
            }
            mayDeliver(session);
        } catch (ActiveMQSecurityException e) {
            throw ArtemisPermissionMissing.of(e).orElseThrow(() -> new IllegalStateException(
                    "cannot log in to Artemis as '" + artemis.user() + "': " + e.getMessage(), e));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the units' queues on Artemis: " + e.getMessage(), e);
        }
        log.info("{} unit queues in place ({} created now)", provisioned.size(), created);
    }

    /**
     * Whether the hub may send to the units' addresses, asked at start rather than at the first delivery: a message sent
     * to an address under casehub.unit.# that no queue is bound to, which the broker checks and then drops (or refuses
     * as unknown, where addresses are not created automatically — also a pass: the permission was granted).
     */
    private static void mayDeliver(ClientSession session) throws ActiveMQException {
        try (ClientProducer producer = session.createProducer(SEND_CHECK)) {
            producer.send(session.createMessage(true));
        } catch (ActiveMQAddressDoesNotExistException e) {
            log.debug("send permission checked on {}: {}", SEND_CHECK, e.getMessage());
        }
    }

    /**
     * Creates a unit's queue; false when it exists already: another hub instance starting at the same moment created
     * it between this one's query and its create, which is as good.
     */
    public static boolean create(ClientSession session, SimpleString name) throws ActiveMQException {
        try {
            session.createQueue(QueueConfiguration.of(name).setAddress(name)
                    .setRoutingType(RoutingType.MULTICAST).setDurable(true).setAutoCreateAddress(true));
            return true;
        } catch (ActiveMQQueueExistsException e) {
            return false;
        }
    }
}
