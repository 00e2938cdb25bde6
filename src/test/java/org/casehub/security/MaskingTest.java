package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTest {

    @Test
    void nameKeepsOnlyItsFirstCharacter() {
        assertThat(Masking.maskName("张三")).isEqualTo("张*");
        assertThat(Masking.maskName("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.maskName("迪丽热巴·迪力木拉提")).isEqualTo("迪*********");
        assertThat(Masking.maskName("李")).isEqualTo("*");
    }

    @Test
    void nameCharacterOutsideTheBasicPlaneCountsAsOne() {
        assertThat(Masking.maskName("𠮷野家")).isEqualTo("𠮷**");
        assertThat(Masking.maskName("王𠮷")).isEqualTo("王*");
    }

    @Test
    void idNumberKeepsItsRegionAndLastFourCharacters() {
        assertThat(Masking.maskIdNumber("440303199001015246")).isEqualTo("440303********5246");
        assertThat(Masking.maskIdNumber("44030419940328607X")).isEqualTo("440304********607X");
        assertThat(Masking.maskIdNumber("440303900101524")).isEqualTo("440303*****1524");
    }

    @Test
    void idNumberShorterThanTenCharactersIsMaskedWhole() {
        assertThat(Masking.maskIdNumber("440303199")).isEqualTo("*********");
        assertThat(Masking.maskIdNumber("")).isEmpty();
    }

    @Test
    void phoneKeepsItsFirstThreeAndLastFourDigits() {
        assertThat(Masking.maskPhone("13812341234")).isEqualTo("138****1234");
        assertThat(Masking.maskPhone("075588881234")).isEqualTo("075*****1234");
    }

    @Test
    void phoneShorterThanSevenCharactersIsMaskedWhole() {
        assertThat(Masking.maskPhone("123456")).isEqualTo("******");
    }

    @Test
    void nullStaysNull() {
        assertThat(Masking.maskName(null)).isNull();
        assertThat(Masking.maskIdNumber(null)).isNull();
        assertThat(Masking.maskPhone(null)).isNull();
        assertThat(Masking.scrub(null)).isNull();
    }

    @Test
    void scrubMasksIdNumbersAndMobilesInChineseText() {
        String text = "来电人张三，身份证号440303199001015246，联系电话13812341234，反映小区夜间施工噪音。";

        assertThat(Masking.scrub(text))
                .isEqualTo("来电人张三，身份证号440303********5246，联系电话138****1234，反映小区夜间施工噪音。");
    }

    @Test
    void scrubMasksIdNumbersWithCheckCharacterXAndOldFifteenDigitOnes() {
        assertThat(Masking.scrub("证件:44030419940328607x/旧证:440303900101524"))
                .isEqualTo("证件:440304********607x/旧证:440303*****1524");
    }

    @Test
    void scrubMasksNumbersNextToLettersAndPunctuation() {
        assertThat(Masking.scrub("id=421023196007278517&tel=19912345678;"))
                .isEqualTo("id=421023********8517&tel=199****5678;");
    }

    @Test
    void scrubLeavesCaseAndOrderNumbersAlone() {
        String text = "案件编号44202611140000000001，工单号GD12345-20261105-000001，受理时间20261105。";

        assertThat(Masking.scrub(text)).isEqualTo(text);
    }

    @Test
    void scrubLeavesNumbersInsideLongerDigitRunsAlone() {
        String text = "流水号138123412345，编号4403031990010152461，座机12812341234";

        assertThat(Masking.scrub(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+86 138 1234 5678|+86 138 **** 5678",
            "+8613812345678|+86138****5678",
            "8613812345678|86138****5678",
            "008613812345678|0086138****5678",
            "138 1234 5678|138 **** 5678",
            "138-1234-5678|138-****-5678",
            "１３８１２３４５６７８|１３８****５６７８",
            "＋８６ １３８－１２３４－５６７８|＋８６ １３８－****－５６７８",
            "0755-8888-1234|075*-****-1234"})
    void phoneInAnyFormKeepsOnlyItsFirstThreeAndLastFourDigits(String written, String masked) {
        assertThat(Masking.maskPhone(written)).isEqualTo(masked);
    }

    @Test
    void malformedPhoneIsMaskedByItsDigitsToo() {
        assertThat(Masking.maskPhone("138123456789")).isEqualTo("138*****6789");
        assertThat(Masking.maskPhone("1381234567a")).isEqualTo("138***4567a");
        assertThat(Masking.maskPhone("无")).isEqualTo("*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+86 138 1234 5678", "+8613812345678", "8613812345678", "138 1234 5678", "138-1234-5678",
            "１３８１２３４５６７８", "＋８６ １３８－１２３４－５６７８", "+86-138-1234-5678", "0086 13812345678"})
    void scrubMasksMobilesWrittenInEveryForm(String written) {
        String scrubbed = Masking.scrub("联系电话" + written + "，请回电");

        assertThat(scrubbed).doesNotContain("1234").doesNotContain("１２３４").startsWith("联系电话").endsWith("，请回电");
        assertThat(scrubbed.replaceAll("[^*]", "")).hasSize(4);
    }
}
