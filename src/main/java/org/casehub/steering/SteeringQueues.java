package org.casehub.steering;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.casehub.network.ArtemisCore;
import org.casehub.network.UnitQueues;
import org.casehub.network.UnitResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The default queues of the addresses routing by the matter adds, made at start like the units' own (a multicast
 * address keeps nothing no queue is bound to): the legal channel of every provisioned district, zone and city
 * ({@code casehub.unit.<code>.legal}) and every mediation body's address ({@code casehub.mediation.<code>}).
 */
@Component
class SteeringQueues implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SteeringQueues.class);

    private final ArtemisCore artemis;
    private final UnitResolver units;
    private final MediationBodies bodies;

    SteeringQueues(ArtemisCore artemis, UnitResolver units, MediationBodies bodies) {
        this.artemis = artemis;
        this.units = units;
        this.bodies = bodies;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> addresses = new LinkedHashSet<>();
        for (String unit : units.provisionedUnits()) {
            if (unit.length() <= 6) {
                addresses.add(UnitResolver.address(unit) + Steering.LEGAL_SUFFIX);
            }
        }
        bodies.all().forEach(body -> addresses.add(body.address()));
        int created = 0;
        try (ArtemisCore.Session core = artemis.open()) {
            for (String address : addresses) {
                SimpleString name = SimpleString.of(address);
                if (!core.session().queueQuery(name).isExists() && UnitQueues.create(core.session(), name)) {
                    created++;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the legal channels' and mediation bodies' queues on Artemis: "
                    + e.getMessage(), e);
        }
        log.info("{} legal and mediation queues in place ({} created now)", addresses.size(), created);
    }
}
