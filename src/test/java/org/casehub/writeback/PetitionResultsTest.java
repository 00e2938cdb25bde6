package org.casehub.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PetitionResultsTest {

    @Test
    void theFirstCharacterGbkCannotEncodeIsNamedByCodePointAndPosition() {
        assertThat(PetitionResults.unencodable("已答复 \uD83D\uDE00")).isEqualTo("U+1F600 at character 5");
        assertThat(PetitionResults.unencodable("已答复,彧")).as("a GBK extension character is fine")
                .isEqualTo("a character");
    }
}
