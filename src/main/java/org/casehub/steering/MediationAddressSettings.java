package org.casehub.steering;

import org.apache.activemq.artemis.core.config.Configuration;
import org.casehub.network.UnitAddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * The mediation bodies' addresses on the embedded broker are kept like a unit's ({@link UnitAddressSettings}): paged
 * above a bounded memory, never dropped or expired. Without a setting of their own they had the broker's defaults —
 * 10 MB pages and 20 MB read ahead per queue held in memory once paging. A production broker keeps them like its
 * units' too (config/production/artemis/address-settings.xml).
 */
@Component
class MediationAddressSettings implements ArtemisConfigurationCustomizer {

    /** the address match of every mediation body's address */
    static final String MATCH = MediationBodies.ADDRESS_PREFIX + "#";

    private final UnitAddressSettings units;

    MediationAddressSettings(UnitAddressSettings units) {
        this.units = units;
    }

    @Override
    public void customize(Configuration configuration) {
        configuration.addAddressSetting(MATCH, units.settings());
    }
}
