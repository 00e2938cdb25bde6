package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class MatterTextTest {

    private static MatterText text(String description, String address) {
        return new MatterText(Cases.of("labour", "440305007012", description).address(address).facts(), Cases.VOCABULARY);
    }

    @Test
    void companyNamesAreFoundWithoutTheWordsLeadingIntoThem() {
        MatterText text = text("本人在万润置业发展有限公司工作,举报永利家具厂非法集资。", "");

        assertThat(text.companies).containsExactly("万润置业发展", "永利家具");
    }

    @Test
    void oneCompanyWrittenShorterOrLongerIsOneFact() {
        assertThat(MatterText.share(MatterText.COMPANY, text("万润置业发展有限公司欠薪", "").companies,
                text("反映万润置业公司的问题", "").companies)).isTrue();
        assertThat(MatterText.share(MatterText.COMPANY, text("华兴电子厂欠薪", "").companies,
                text("鑫源电子厂欠薪", "").companies)).isFalse();
    }

    @Test
    void aCompanyIsOneWhoseTradeNameTheOtherHoldsAnywhereEvenAfterAFalseStart() {
        // 万 leads the trade name and also opens 万华: the lead 万润 is found after a first 万 that is not followed by 润
        assertThat(MatterText.share(MatterText.COMPANY, Set.of("万华万润"), Set.of("万润置业"))).isTrue();
        assertThat(MatterText.share(MatterText.COMPANY, Set.of("万润置业"), Set.of("华万润"))).isTrue();
        assertThat(MatterText.share(MatterText.COMPANY, Set.of("金盛置业"), Set.of("万润置业"))).isFalse();
        // the lead's first character last in the name: nothing after it to match
        assertThat(MatterText.share(MatterText.COMPANY, Set.of("置业万"), Set.of("万润"))).isFalse();
    }

    @Test
    void otherFactsAreSharedOnlyWhenEqual() {
        assertThat(MatterText.share(MatterText.AMOUNT, Set.of("46000", "8000"), Set.of("8000"))).isTrue();
        assertThat(MatterText.share(MatterText.ROOM, Set.of("3栋"), Set.of("3栋502室", "502室"))).isFalse();
        assertThat(MatterText.share(MatterText.ADDRESS, Set.of(), Set.of("翠竹路133"))).isFalse();
    }

    @Test
    void amountsInWanAndInYuanAreOneFact() {
        assertThat(text("共计4.6万元", "").amounts).containsExactly("46000");
        assertThat(text("欠46000元,每月8000块", "").amounts).containsExactly("46000", "8000");
    }

    @Test
    void streetNumbersAndRoomsComeFromTheTextAndTheAddress() {
        MatterText text = text("楼上3栋502室漏水", "罗湖区东门街道书院街社区翠竹路133号");

        assertThat(text.addresses).containsExactly("翠竹路133");
        assertThat(text.rooms).containsExactly("3栋", "502室");
    }

    @Test
    void textSimilarityIsTheDiceOfCharacterBigramsIgnoringPunctuation() {
        assertThat(text("噪声扰民", "").similarity(text("噪声,扰民!", ""))).isEqualTo(0.8);
        assertThat(text("噪声扰民", "").similarity(text("拖欠工资", ""))).isZero();
    }
}
