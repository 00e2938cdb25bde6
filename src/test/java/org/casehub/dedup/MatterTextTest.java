package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;

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
