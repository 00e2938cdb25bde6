package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;

class UnitResolverTest {

    private static final DivisionDirectory DIVISIONS = new DivisionDirectory(
            new CasehubHome(new HomeProperties(".")), new NetworkProperties("config/network/divisions-44.csv"));
    private static final FunctionalZones ZONES = new FunctionalZones(
            new FileSystemResource("config/network/zones.yaml"), DIVISIONS::contains);

    private static UnitResolver resolver(boolean zoneOfficialParents, Map<String, List<String>> extraParents) {
        return new UnitResolver(ZONES, DIVISIONS, new NetworkProperties("config/network/divisions-44.csv", "",
                "config/network/zones.yaml", zoneOfficialParents, extraParents, List.of("4403"), 2000, 200));
    }

    private final UnitResolver units = resolver(false, Map.of());

    @Test
    void aCommunityCaseBelongsToEveryTierFromTheProvinceDown() {
        assertThat(units.unitsOf("440305007012")).containsExactly("44", "4403", "440305", "440305007", "440305007012");
    }

    @Test
    void aCaseKnownOnlyToItsDistrictStopsThere() {
        assertThat(units.unitsOf("440305")).containsExactly("44", "4403", "440305");
    }

    @Test
    void aDapengCaseGoesToTheZoneInsteadOfLonggang() {
        assertThat(units.unitsOf("440307010001")).containsExactly("44", "4403", "4403DP", "440307010", "440307010001");
    }

    @Test
    void aShenshanCaseGoesToTheZoneAndShenzhenInsteadOfShanwei() {
        assertThat(units.unitsOf("441521102001")).containsExactly("44", "4403", "4403SS", "441521102", "441521102001");
    }

    @Test
    void theZonesOfficialParentsReceiveItWhenConfigured() {
        assertThat(resolver(true, Map.of()).unitsOf("441521102001"))
                .containsExactlyInAnyOrder("44", "4415", "441521", "4403", "4403SS", "441521102", "441521102001");
    }

    @Test
    void aCaseAtAZonesOwnCodeGoesToTheZoneAndAboveIt() {
        assertThat(units.unitsOf("4403DP")).containsExactly("44", "4403", "4403DP");
        assertThat(resolver(true, Map.of()).unitsOf("4403SS")).containsExactlyInAnyOrder("44", "4403", "4403SS", "4415", "441521");
    }

    @Test
    void extraParentsReceiveTheCasesOfTheirUnit() {
        assertThat(resolver(false, Map.of("440305", List.of("440305HJ"))).unitsOf("440305007012"))
                .contains("440305HJ");
    }

    @Test
    void noPlaceMeansNoUnit() {
        assertThat(units.unitsOf(null)).isEmpty();
    }

    @Test
    void everyShenzhenUnitTheZonesAndTheProvinceGetAQueue() {
        var provisioned = units.provisionedUnits();
        assertThat(provisioned).contains("44", "4403", "440305", "440305007012", "4403DP", "4403SS", "441521102",
                DIVISIONS.codesUnder("441521102", 12).get(0));
        assertThat(provisioned).doesNotContain("4415", "441521", "4401");
        assertThat(provisioned).hasSize(DIVISIONS.codesUnder("4403").size() + 3
                + ZONES.zone("4403SS").orElseThrow().covers().stream().mapToInt(c -> DIVISIONS.codesUnder(c).size()).sum());
    }
}
