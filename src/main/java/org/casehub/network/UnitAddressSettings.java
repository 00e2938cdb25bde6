package org.casehub.network;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Address settings of the units' addresses on the embedded broker: a small duplicate-id cache each (the broker
 * default of 20,000 ids per address, times ~900 units, is memory for nothing), and paging above a bounded memory
 * per address, with small pages and a bounded read ahead ({@link UnitQueueProperties}). PAGE keeps every message:
 * no DROP or FAIL policy, no expiry — a case delivered to a unit is never lost, however long its system does not
 * consume. A production broker gets the same settings in its broker.xml, but for larger pages and read ahead: its heap
 * is its own (config/production/artemis/address-settings.xml, README).
 */
@Component
public class UnitAddressSettings implements ArtemisConfigurationCustomizer {

    /** the address match of every unit's address */
    public static final String MATCH = UnitResolver.ADDRESS_PREFIX + "#";

    private final NetworkProperties network;
    private final UnitQueueProperties queues;

    public UnitAddressSettings(NetworkProperties network, UnitQueueProperties queues) {
        this.network = network;
        this.queues = queues;
    }

    @Override
    public void customize(Configuration configuration) {
        configuration.addAddressSetting(MATCH, settings());
    }

    /** The settings of a unit's address, also given to the addresses kept like one. */
    public AddressSettings settings() {
        return new AddressSettings()
                .setIDCacheSize(network.duplicateIdCacheSize())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setMaxSizeBytes(queues.memoryPerUnit().toBytes())
                .setPageSizeBytes((int) queues.pageSize().toBytes())
                .setPrefetchPageBytes((int) queues.readAhead().toBytes())
                .setMaxReadPageBytes((int) queues.unacknowledged().toBytes());
    }
}
