package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.casehub.security.FunctionalZones.Zone;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

class FunctionalZonesTest {

    @Test
    void theShippedZonesAreDapengAndShenshanBothUnderShenzhen() {
        FunctionalZones zones = TestNetwork.ZONES;

        assertThat(zones.zones()).extracting(Zone::code).containsExactly("4403DP", "4403SS");
        assertThat(zones.zone("4403DP")).contains(
                new Zone("4403DP", "大鹏新区", "4403", List.of("440307009", "440307010", "440307011")));
        assertThat(zones.zone("4403SS")).contains(new Zone("4403SS", "深汕特别合作区", "4403",
                List.of("441521102", "441521103", "441521104", "441521105")));
        assertThat(zones.zone("440307")).isEmpty();
    }

    @Test
    void noZoneCodeIsAnOfficialCode() {
        assertThat(TestNetwork.ZONES.zones()).allSatisfy(zone -> {
            assertThat(TestNetwork.DIVISIONS.contains(zone.code())).isFalse();
            assertThat(zone.code()).containsPattern("[A-Z]");
        });
    }

    @Test
    void anAllDigitZoneCodeIsRefusedForItCouldCollideWithAnOfficialOne() {
        assertThatIllegalStateException().isThrownBy(() -> zones("""
                zones:
                  "440399":
                    name: 某新区
                    parent: "4403"
                    covers: ["440307009"]
                """)).withMessageContaining("zone code 440399");
    }

    @Test
    void aZoneMustCoverOfficialCodesUnderAnOfficialParent() {
        assertThatIllegalStateException().isThrownBy(() -> zones("""
                zones:
                  "4403XX":
                    name: 某新区
                    parent: "4499"
                    covers: ["440307999"]
                """)).withMessageContaining("parent 4499").withMessageContaining("covers 440307999");
    }

    @Test
    void aZoneWithoutNameOrCoversIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> zones("""
                zones:
                  "4403XX":
                    parent: "4403"
                """)).withMessageContaining("has no name").withMessageContaining("covers nothing");
    }

    @Test
    void zonesMayNotOverlap() {
        assertThatIllegalStateException().isThrownBy(() -> zones("""
                zones:
                  "4403AA":
                    name: 甲区
                    parent: "4403"
                    covers: ["440307009"]
                  "4403BB":
                    name: 乙区
                    parent: "4403"
                    covers: ["440307009001"]
                """)).withMessageContaining("4403BB covers 440307009001, which overlaps 440307009 of zone 4403AA");
    }

    private static FunctionalZones zones(String yaml) {
        return new FunctionalZones(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "test zones"),
                TestNetwork.DIVISIONS::contains);
    }
}
