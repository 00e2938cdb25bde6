package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import org.casehub.security.Phones.Phone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhonesTest {

    @ParameterizedTest
    @ValueSource(strings = {"13812341234", "+86 138 1234 1234", "+8613812341234", "8613812341234", "008613812341234",
            "138-1234-1234", "138 1234 1234", "１３８１２３４１２３４", "＋８６ １３８－１２３４－１２３４", " 13812341234 ",
            "(+86) 138 1234 1234"})
    void everyWayOfWritingOneMobileIsValidAndNormalisedAlike(String written) {
        Phone phone = Phones.parse(written);

        assertThat(phone.valid()).as(written).isTrue();
        assertThat(phone.e164()).isEqualTo("+8613812341234");
        assertThat(phone.domestic()).isEqualTo("13812341234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0755-8888 1234", "(0755) 88881234", "+86 755 8888 1234", "075588881234"})
    void shenzhenLandlineIsValidWithItsTrunkZeroKept(String written) {
        Phone phone = Phones.parse(written);

        assertThat(phone.valid()).as(written).isTrue();
        assertThat(phone.e164()).isEqualTo("+8675588881234");
        assertThat(phone.domestic()).isEqualTo("075588881234");
    }

    @Test
    void hongKongNumberIsValidInItsInternationalForm() {
        Phone phone = Phones.parse("+852 9123 4567");

        assertThat(phone.valid()).isTrue();
        assertThat(phone.e164()).isEqualTo("+85291234567");
        assertThat(phone.domestic()).isEqualTo("85291234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"138123412345", "1381234123", "1381234123a", "138a1234123", "138a12341234", "12812341234",
            "10012341234", "无", "-", "abc", "13812341234 张三", "1", "+86", "138123412341381234123413812341234"})
    void twelveDigitMobilesLettersAndNonsenseAreInvalid(String written) {
        Phone phone = Phones.parse(written);

        assertThat(phone.valid()).as(written).isFalse();
        assertThat(phone.e164()).isNull();
        assertThat(phone.domestic()).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void nothingWrittenIsNoPhone(String written) {
        assertThat(Phones.parse(written)).isNull();
    }

    /** The simulator and the dedup data set draw mobiles of 13x and 18x, every one of which must be valid to match. */
    @Test
    void everyMobileOf13xAnd18xIsValid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 2_000; i++) {
            String mobile = "1" + "38".charAt(random.nextInt(2)) + String.format("%09d", random.nextInt(1_000_000_000));
            assertThat(Phones.parse(mobile).valid()).as(mobile).isTrue();
        }
    }
}
