package org.casehub.steering;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.casehub.network.NetworkProperties;
import org.casehub.network.UnitAddressSettings;
import org.casehub.network.UnitQueueProperties;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class MediationAddressSettingsTest {

    @Test
    void aMediationBodysAddressPagesAndReadsAheadLikeAUnitsInsteadOfTheBrokersTenMegabytePages() {
        ConfigurationImpl configuration = new ConfigurationImpl();
        UnitAddressSettings units = new UnitAddressSettings(new NetworkProperties("config/network/divisions-44.csv"),
                new UnitQueueProperties(DataSize.ofKilobytes(256), DataSize.ofKilobytes(64), DataSize.ofKilobytes(32),
                        DataSize.ofMegabytes(2)));

        new MediationAddressSettings(units).customize(configuration);

        AddressSettings mediation = configuration.getAddressSettings().get("casehub.mediation.#");
        assertThat(mediation.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.PAGE);
        assertThat(mediation.getMaxSizeBytes()).isEqualTo(256 * 1024);
        assertThat(mediation.getPageSizeBytes()).isEqualTo(64 * 1024);
        assertThat(mediation.getPrefetchPageBytes()).isEqualTo(32 * 1024);
        assertThat(mediation.getMaxReadPageBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(mediation.getExpiryDelay()).isNegative();
    }
}
