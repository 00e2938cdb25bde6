package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhonesTest {

    @ParameterizedTest
    @ValueSource(strings = {"13012341234", "13812341234", "15912341234", "19912341234"})
    void acceptsElevenDigitMainlandMobiles(String phone) {
        assertThat(Phones.isValidMobile(phone)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12812341234", "10012341234", "23812341234", "1381234123", "138123412345",
            "+8613812341234", "138-1234-1234", " 13812341234", "１３８１２３４１２３４"})
    void rejectsEverythingElse(String phone) {
        assertThat(Phones.isValidMobile(phone)).isFalse();
    }
}
