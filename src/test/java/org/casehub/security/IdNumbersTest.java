package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumbersTest {

    /** Worked apart from the code: weighted sums 226, 321 and 335; mod 11 they index 6, X and 7 in "10X98765432". */
    @Test
    void checkCharacterFollowsIso7064Mod112() {
        assertThat(IdNumbers.checkCharacter("44030319900101524")).isEqualTo('6');
        assertThat(IdNumbers.checkCharacter("44030419940328607")).isEqualTo('X');
        assertThat(IdNumbers.checkCharacter("42102319600727851")).isEqualTo('7');
    }

    @ParameterizedTest
    @ValueSource(strings = {"440303199001015246", "44030419940328607X", "44030419940328607x", "421023196007278517"})
    void acceptsResidentIdsWithTheRightCheckCharacterAndARealBirthDate(String idNumber) {
        assertThat(IdNumbers.isValid(idNumber)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"440303199001015246", "44030419940328607X", "421023196007278517"})
    void rejectsEveryOtherCheckCharacter(String idNumber) {
        String first17 = idNumber.substring(0, 17);

        assertThat(Stream.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X")
                .map(check -> first17 + check)
                .filter(IdNumbers::isValid))
                .containsExactly(idNumber);
    }

    @ParameterizedTest
    @ValueSource(strings = {"19900230", "19000229", "19901301", "19900001", "19900100", "19900431"})
    void rejectsImpossibleBirthDatesEvenWithTheRightCheckCharacter(String birthDate) {
        String first17 = "440303" + birthDate + "524";

        assertThat(IdNumbers.isValid(first17 + IdNumbers.checkCharacter(first17))).isFalse();
    }

    @Test
    void acceptsTheTwentyNinthOfFebruaryInALeapYear() {
        String first17 = "440303" + "20000229" + "524";

        assertThat(IdNumbers.isValid(first17 + IdNumbers.checkCharacter(first17))).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"44030319900101524", "4403031990010152466", "440303900101524", "4403031990010152A6",
            "44030319900101524Y", " 440303199001015246", "４４０３０３１９９００１０１５２４６"})
    void rejectsTextThatIsNotShapedLikeAnEighteenCharacterId(String text) {
        assertThat(IdNumbers.isValid(text)).isFalse();
    }

    @Test
    void checkCharacterNeedsSeventeenDigits() {
        assertThatThrownBy(() -> IdNumbers.checkCharacter("4403031990010152"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdNumbers.checkCharacter("4403031990010152X"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
