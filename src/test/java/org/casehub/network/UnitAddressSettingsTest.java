package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class UnitAddressSettingsTest {

    @Test
    void aUnitAddressPagesToDiskAboveItsMemoryAndNeverDropsNorExpiresAMessage() {
        ConfigurationImpl configuration = new ConfigurationImpl();

        new UnitAddressSettings(new NetworkProperties("config/network/divisions-44.csv"),
                new UnitQueueProperties(DataSize.ofKilobytes(256), DataSize.ofMegabytes(1))).customize(configuration);

        AddressSettings units = configuration.getAddressSettings().get("casehub.unit.#");
        assertThat(units.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.PAGE);
        assertThat(units.getMaxSizeBytes()).isEqualTo(256 * 1024);
        assertThat(units.getPageSizeBytes()).isEqualTo(1024 * 1024);
        assertThat(units.getIDCacheSize()).isEqualTo(2000);
        // nothing set that could lose a message: no expiry, no limit on what is paged
        assertThat(units.getExpiryDelay()).isEqualTo(AddressSettings.DEFAULT_EXPIRY_DELAY).isNegative();
        assertThat((Object) units.getExpiryAddress()).isNull();
        assertThat(units.getPageLimitBytes()).isNull();
        assertThat(units.getPageLimitMessages()).isNull();
    }
}
