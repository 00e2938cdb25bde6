package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DivisionScopesTest {

    private static final List<String> SHENSHAN = List.of("441521102", "441521103", "441521104", "441521105");
    private static final List<String> DAPENG = List.of("440307009", "440307010", "440307011");

    private final DivisionScopes scopes = TestNetwork.SCOPES;

    @Test
    void theProvinceIncludesEverythingUnderIt() {
        DivisionScope province = scopes.resolve("44");

        assertThat(province.kind()).isEqualTo("province");
        assertThat(province.name()).isEqualTo("广东省");
        assertThat(province.includes()).containsExactly("44");
        assertThat(province.excludes()).isEmpty();
    }

    @Test
    void shenzhenAlsoIncludesTheTownsOfShenshanThatTheCodesPlaceUnderShanwei() {
        DivisionScope city = scopes.resolve("4403");

        assertThat(city.kind()).isEqualTo("city");
        assertThat(city.includes()).containsExactly("4403", "441521102", "441521103", "441521104", "441521105");
        assertThat(city.excludes()).isEmpty();
    }

    @Test
    void longgangDoesNotIncludeTheStreetsDapengTookOver() {
        DivisionScope district = scopes.resolve("440307");

        assertThat(district.kind()).isEqualTo("district");
        assertThat(district.includes()).containsExactly("440307");
        assertThat(district.excludes()).containsExactlyElementsOf(DAPENG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4415", "441521"})
    void shanweiAndHaifengDoNotIncludeTheTownsShenshanTookOver(String code) {
        DivisionScope scope = scopes.resolve(code);

        assertThat(scope.includes()).containsExactly(code);
        assertThat(scope.excludes()).containsExactlyElementsOf(SHENSHAN);
    }

    @Test
    void aStreetInsideAZoneIncludesItselfOnly() {
        DivisionScope street = scopes.resolve("440307010");

        assertThat(street.kind()).isEqualTo("street");
        assertThat(street.name()).isEqualTo("大鹏街道");
        assertThat(street.includes()).containsExactly("440307010");
        assertThat(street.excludes()).isEmpty();
    }

    @Test
    void aZoneIncludesTheCodesItCovers() {
        DivisionScope shenshan = scopes.resolve("4403SS");
        DivisionScope dapeng = scopes.resolve("4403DP");

        assertThat(shenshan.kind()).isEqualTo("zone");
        assertThat(shenshan.name()).isEqualTo("深汕特别合作区");
        assertThat(shenshan.includes()).containsExactlyElementsOf(concat(SHENSHAN, "4403SS"));
        assertThat(shenshan.excludes()).isEmpty();
        assertThat(dapeng.name()).isEqualTo("大鹏新区");
        assertThat(dapeng.includes()).as("and the cases placed at the zone itself").containsExactlyElementsOf(concat(DAPENG, "4403DP"));
    }

    @Test
    void aCommunityIsItsOwnScope() {
        DivisionScope community = scopes.resolve("440305007012");

        assertThat(community.kind()).isEqualTo("community");
        assertThat(community.name()).isEqualTo("京光社区居委会");
        assertThat(community.includes()).containsExactly("440305007012");
    }

    @Test
    void spaceAroundTheCodeIsIgnored() {
        assertThat(scopes.resolve(" 440305 ").code()).isEqualTo("440305");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4", "44030", "4403055", "440399", "4403XX", "4403dp", "44.03", "44%"})
    void aCodeThatIsNeitherAKnownDivisionNorAZoneIsRefused(String code) {
        assertThatIllegalArgumentException().isThrownBy(() -> scopes.resolve(code)).withMessageContaining("scope");
    }

    @Test
    void noScopeIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> scopes.resolve(null));
    }

    @Test
    void theRestrictionMatchesAnIncludedPrefixAndNoExcludedOne() {
        ScopeRestriction restriction = scopes.resolve("440307").restriction("c.division_code");

        assertThat(restriction.sql()).isEqualTo("((c.division_code LIKE ?) AND NOT (c.division_code LIKE ?"
                + " OR c.division_code LIKE ? OR c.division_code LIKE ?))");
        assertThat(restriction.parameters()).containsExactly("440307%", "440307009%", "440307010%", "440307011%");
    }

    @Test
    void aRestrictionWithoutExcludesMatchesAnyIncludedPrefix() {
        ScopeRestriction restriction = scopes.resolve("4403SS").restriction("division_code");

        assertThat(restriction.sql()).isEqualTo("((division_code LIKE ? OR division_code LIKE ? OR division_code LIKE ?"
                + " OR division_code LIKE ? OR division_code LIKE ?))");
        assertThat(restriction.parameters()).containsExactly("441521102%", "441521103%", "441521104%", "441521105%", "4403SS%");
    }

    @Test
    void theRestrictionsParametersFollowThoseOfTheQueryBeforeIt() {
        ScopeRestriction restriction = scopes.resolve("440305").restriction("division_code");

        assertThat(restriction.after("case-1", 2)).containsExactly("case-1", 2, "440305%");
    }

    @ParameterizedTest
    @ValueSource(strings = {"division_code; DROP TABLE hub_case", "division_code OR 1=1", "1column", "a.b.c", ""})
    void onlyAColumnNameIsAcceptedAsTheColumn(String column) {
        DivisionScope scope = scopes.resolve("440305");

        assertThatIllegalArgumentException().isThrownBy(() -> scope.restriction(column));
    }

    @Test
    void aScopeCanHoldDigitsOnlySoThatNoPrefixCarriesAWildcard() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DivisionScope("x", "zone", "x", List.of("44%"), List.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DivisionScope("x", "zone", "x", List.of(), List.of()));
    }

    private static List<String> concat(List<String> codes, String more) {
        List<String> all = new java.util.ArrayList<>(codes);
        all.add(more);
        return all;
    }
}
