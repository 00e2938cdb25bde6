package org.casehub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class GbkTextTest {

    @Test
    void decodesTheContractsGbkBytes() throws Exception {
        byte[] bytes = HexFormat.of().parseHex("b7bfd7d3c2f2c1cbb3d9b3d9c4c3b2bbb5bd2c");

        assertThat(GbkText.decode(bytes)).isEqualTo("房子买了迟迟拿不到,");
    }

    @Test
    void aTruncatedDoubleByteCharacterIsAnErrorNotAReplacementCharacter() {
        byte[] bytes = HexFormat.of().parseHex("b7bfd7d3b7");

        assertThatThrownBy(() -> GbkText.decode(bytes))
                .isInstanceOfSatisfying(GbkText.MalformedGbkException.class, e -> {
                    assertThat(e.offset()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("byte offset 4");
                });
    }

    @Test
    void anInvalidLeadByteIsAnError() {
        byte[] bytes = HexFormat.of().parseHex("b7bfff41");

        assertThatThrownBy(() -> GbkText.decode(bytes)).isInstanceOf(GbkText.MalformedGbkException.class);
    }

    @Test
    void encodingRoundTripsAndRefusesWhatGbkCannotWrite() throws Exception {
        assertThat(GbkText.decode(GbkText.encode("拖欠37名工人9个月工资。"))).isEqualTo("拖欠37名工人9个月工资。");
        assertThatThrownBy(() -> GbkText.encode("😀")).isInstanceOf(CharacterCodingException.class);
    }
}
