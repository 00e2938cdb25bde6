package org.casehub.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuarantineApiTest {

    @Test
    void aCursorGivesBackTheIdItWasMadeOf() {
        assertThat(QuarantineApi.decodeCursor(QuarantineApi.encodeCursor(123_456_789L))).isEqualTo(123_456_789L);
    }

    @Test
    void aCursorThisApiDidNotGiveOutIsRefused() {
        assertThatThrownBy(() -> QuarantineApi.decodeCursor("nonsense")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> QuarantineApi.decodeCursor("djE6MTIz")).isInstanceOf(IllegalArgumentException.class);
    }
}
