package org.casehub.network;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Address settings of the units' addresses on the embedded broker: a small duplicate-id cache each
 * (the broker default of 20,000 ids per address, times ~900 units, is memory for nothing). A production
 * broker gets the same settings in its broker.xml (README).
 */
@Component
public class UnitAddressSettings implements ArtemisConfigurationCustomizer {

    private final NetworkProperties properties;

    public UnitAddressSettings(NetworkProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(Configuration configuration) {
        configuration.addAddressSetting(UnitResolver.ADDRESS_PREFIX + "#",
                new AddressSettings().setIDCacheSize(properties.duplicateIdCacheSize()));
    }
}
