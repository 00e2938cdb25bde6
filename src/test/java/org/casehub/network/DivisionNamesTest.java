package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.casehub.mapping.Samples;
import org.casehub.network.DivisionNames.Lookup;
import org.casehub.network.DivisionNames.Status;
import org.junit.jupiter.api.Test;

/** Names and codes from config/network/divisions-44.csv. */
class DivisionNamesTest {

    private final DivisionNames names = Samples.names();

    private static Lookup found(String code) {
        return new Lookup(Status.FOUND, code);
    }

    @Test
    void aCommunityIsFoundWithOrWithoutItsSuffix() {
        for (String written : new String[] {"光明社区居委会", "光明社区", "光明", "光明居委会", "光明社区居民委员会"}) {
            assertThat(names.childNamed("440311001", written)).as(written).isEqualTo(found("440311001001"));
        }
    }

    @Test
    void streetsAndDistrictsAreFoundWithOrWithoutTheirSuffix() {
        assertThat(names.childNamed("440309", "大浪街道")).isEqualTo(found("440309004"));
        assertThat(names.childNamed("440309", "大浪")).isEqualTo(found("440309004"));
        assertThat(names.childNamed("440309", "大浪街道办")).isEqualTo(found("440309004"));
        assertThat(names.childNamed("440309", "大浪镇")).as("a former town written as such").isEqualTo(found("440309004"));
        assertThat(names.childNamed("4403", "南山")).isEqualTo(found("440305"));
        assertThat(names.childNamed("4403", "龙华新区")).as("the district's former name").isEqualTo(found("440309"));
    }

    @Test
    void variantCharactersFullWidthFormsAndSpacesAreForgiven() {
        assertThat(names.childNamed("441521", "鲘门镇")).isEqualTo(found("441521105"));
        assertThat(names.childNamed("441521", "鲘门")).isEqualTo(found("441521105"));
        assertThat(names.childNamed("4403", "南山區")).isEqualTo(found("440305"));
        assertThat(names.childNamed("440305007", " 京光\u3000社区 ")).isEqualTo(found("440305007012"));
    }

    @Test
    void aNameIsLookedForOnlyInsideItsParent() {
        // 光明社区居委会 exists under other streets of Guangdong, and 翠湖社区 in three districts of Shenzhen
        assertThat(names.childNamed("440305007", "光明社区").status()).isEqualTo(Status.NONE);
        assertThat(names.childNamed("440305007", "翠湖社区").status()).isEqualTo(Status.NONE);
        assertThat(names.childNamed("440309003", "老围社区")).isEqualTo(found("440309003008"));
        assertThat(names.childNamed("440303001", "老围社区")).isEqualTo(found("440303001011"));
    }

    @Test
    void aCommunityAndAVillageOfOneCoreAreToldApartByTheirKindAndAmbiguousWithout() {
        assertThat(names.childNamed("440111103", "人和社区")).isEqualTo(found("440111103001"));
        assertThat(names.childNamed("440111103", "人和居委会")).isEqualTo(found("440111103001"));
        assertThat(names.childNamed("440111103", "人和村")).isEqualTo(found("440111103206"));
        assertThat(names.childNamed("440111103", "人和村民委员会")).isEqualTo(found("440111103206"));
        assertThat(names.childNamed("440111103", "人和")).isEqualTo(new Lookup(Status.AMBIGUOUS, null));
    }

    @Test
    void aNameTheRegistryPrefixesWithItsParentsIsFoundByItsOwnName() {
        // registered as 源城区源西街道光明社区居民委员会
        assertThat(names.childNamed("441602004", "光明社区")).isEqualTo(found("441602004009"));
    }

    @Test
    void blankOrUnknownNamesFindNothing() {
        assertThat(names.childNamed("440311001", "  ").status()).isEqualTo(Status.NONE);
        assertThat(names.childNamed("440311001", "不存在社区").status()).isEqualTo(Status.NONE);
        assertThat(names.childNamed("999999", "光明").status()).isEqualTo(Status.NONE);
    }

    @Test
    void anAddressIsReadTierByTierFromTheCity() {
        DivisionNames.AddressText address = names.address("深圳市罗湖区桂园街道老围社区居民委员会龙岗大道84号", "4403");

        assertThat(address.childOf("4403")).as("罗湖区, not 龙岗 of 龙岗大道").isEqualTo(found("440303"));
        assertThat(address.childOf("440303")).isEqualTo(found("440303001"));
        assertThat(address.childOf("440303001")).isEqualTo(found("440303001011"));
    }

    @Test
    void anAddressIsReadAfterTheNamesOfWhatIsFixed() {
        // 光明街道 is written before 翠湖社区: its own 光明社区 must not be read in it
        DivisionNames.AddressText address = names.address("光明区光明街道翠湖社区布龙路284号", "440311001");

        assertThat(address.childOf("440311001")).isEqualTo(found("440311001005"));
    }

    @Test
    void aCommunityWrittenWithoutItsSuffixIsReadByItsCore() {
        assertThat(names.address("龙华区大浪街道下早东门中路84号", "440309004").childOf("440309004"))
                .isEqualTo(found("440309004011"));
    }

    @Test
    void aNameWrittenInsideALongerSiblingsNameIsNotReadAsItsOwn() {
        // 水斗老围社区 contains 老围社区, a sibling under the same street
        assertThat(names.address("龙华区龙华街道水斗老围社区人民路2号", "440309003").childOf("440309003"))
                .isEqualTo(found("440309003019"));
    }

    @Test
    void anAddressNamingTwoChildrenIsAmbiguous() {
        assertThat(names.address("光明街道碧眼社区与东周社区交界处", "440311001").childOf("440311001"))
                .isEqualTo(new Lookup(Status.AMBIGUOUS, null));
    }

    @Test
    void anAddressNamingNoChildFindsNothing() {
        assertThat(names.address("梅观路16号", "440305007").childOf("440305007").status()).isEqualTo(Status.NONE);
        assertThat(names.address("", "4403").childOf("4403").status()).isEqualTo(Status.NONE);
    }

    @Test
    void aSameNamedCommunityOfAnotherDistrictIsNotReadInAnAddress() {
        // 老围 is a community of 罗湖区桂园街道 and of 龙华区龙华街道; the address is read inside 龙华街道 only
        assertThat(names.address("罗湖区桂园街道老围社区", "440309003").childOf("440309003"))
                .isEqualTo(found("440309003008"));
        assertThat(names.address("罗湖区桂园街道老围社区", "440309004").childOf("440309004").status())
                .isEqualTo(Status.NONE);
    }
}
