package org.casehub.network;

import java.util.Set;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Gives every provisioned unit its durable queue, named like its multicast address, before the routes
 * start: a multicast address without a queue drops what is sent to it. Downstream systems may bind
 * more queues to a unit's address themselves. Works on the embedded broker and on a production one
 * (the hub's Artemis user then needs the createAddress/createDurableQueue permissions on casehub.unit.#).
 */
@Component
public class UnitQueues implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(UnitQueues.class);

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
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the units' queues on Artemis: " + e.getMessage(), e);
        }
        log.info("{} unit queues in place ({} created now)", provisioned.size(), created);
    }

    /**
     * Creates a unit's queue; false when it exists already: another hub instance starting at the same moment created
     * it between this one's query and its create, which is as good.
     */
    private static boolean create(ClientSession session, SimpleString name) throws ActiveMQException {
        try {
            session.createQueue(QueueConfiguration.of(name).setAddress(name)
                    .setRoutingType(RoutingType.MULTICAST).setDurable(true).setAutoCreateAddress(true));
            return true;
        } catch (ActiveMQQueueExistsException e) {
            return false;
        }
    }
}
