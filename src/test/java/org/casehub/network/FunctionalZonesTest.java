package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.casehub.network.FunctionalZones.Zone;
import org.junit.jupiter.api.Test;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

class FunctionalZonesTest {

    private static final DivisionDirectory DIVISIONS = new DivisionDirectory(
            new CasehubHome(new HomeProperties(".")), new NetworkProperties("config/network/divisions-44.csv"));
    private static final FunctionalZones ZONES = new FunctionalZones(
            new FileSystemResource("config/network/zones.yaml"), DIVISIONS::contains);


    @Test
    void theShippedZonesAreDapengAndShenshanBothUnderShenzhen() {
        FunctionalZones zones = ZONES;

        assertThat(zones.zones()).extracting(Zone::code).containsExactly("4403DP", "4403SS");
        assertThat(zones.zone("4403DP")).contains(
                new Zone("4403DP", "大鹏新区", "4403", List.of("440307009", "440307010", "440307011"),
                        List.of("大鹏新区管委会", "大鹏新区管理委员会", "大鹏新区管理局")));
        assertThat(zones.zone("4403SS")).contains(new Zone("4403SS", "深汕特别合作区", "4403",
                List.of("441521102", "441521103", "441521104", "441521105"),
                List.of("深汕合作区", "深汕特别合作区管委会", "深汕特区", "深汕")));
        assertThat(zones.zone("440307")).isEmpty();
    }

    @Test
    void noZoneCodeIsAnOfficialCode() {
        assertThat(ZONES.zones()).allSatisfy(zone -> {
            assertThat(DIVISIONS.contains(zone.code())).isFalse();
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
                DIVISIONS::contains);
    }
}
