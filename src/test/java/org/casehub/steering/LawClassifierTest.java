package org.casehub.steering;

import static org.assertj.core.api.Assertions.assertThat;

import org.casehub.bench.LawClassification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.FileSystemResource;

/** The law-related rules (mappings/steering/law-terms.yaml) on the hard cases, one by one, both ways. */
class LawClassifierTest {

    private final LawClassifier classifier = new LawClassifier(new FileSystemResource(LawClassification.RULES));

    @ParameterizedTest
    @ValueSource(strings = {
            "判决生效后对方拒不履行，申请强制执行一年多没有结果。",
            "民间借贷判决已生效，法院迟迟不执行。",
            "仲裁委裁决公司支付工资，公司不执行裁决。",
            "对社保局的决定申请行政复议，复议机关逾期未决定。",
            "我已经向法院起诉，法院让我先去调解。",
            "检察院对我的案件作出不起诉决定，我不服，要求申诉到法院。",
            "本人与公司劳动争议已申请劳动仲裁，仲裁委受理三个月未开庭。"})
    void aTextShowingLitigationArbitrationReconsiderationOrEnforcementIsLawRelated(String text) {
        assertThat(classifier.classifyText(text)).as(text).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "垃圾分类政策执行不到位，小区垃圾桶满溢无人清理。",
            "公司不执行最低工资标准，每月只发1800元。",
            "市人民法院旁边的路灯坏了很久。",
            "建议在法院路增设人行天桥。",
            "我不想起诉，只希望政府出面协调让老板把工资结清。",
            "我没有申请仲裁，希望劳动监察大队直接处理欠薪。",
            "申诉求决：要求解决孩子入学学位问题。",
            "我要投诉物业公司乱收费，多次投诉都没有结果。",
            "被告知要等到下个月才能办理社保转移。",
            "对区信访局的答复意见不服，请求复核。"})
    void aTextThatOnlyBorrowsTheWordsIsNotLawRelated(String text) {
        assertThat(classifier.classifyText(text)).as(text).isEmpty();
    }

    @Test
    void theCaseRecordsWhichRuleFiredAndOnWhatTerm() {
        assertThat(classifier.classifyText("判决书下来半年了，对方不执行判决。")).hasValueSatisfying(v -> {
            assertThat(v.rule()).isEqualTo("text-litigation");
            assertThat(v.evidence()).isEqualTo("判决书");
        });
        assertThat(classifier.classifyText("劳动争议仲裁判决下来了，对方拒不执行")).hasValueSatisfying(v ->
                assertThat(v.rule()).isEqualTo("text-litigation"));
        assertThat(classifier.classifyText("政策执行和法院判决执行不是一回事，老板不执行法院判决")).isPresent();
    }

    @Test
    void theSourcesFlagAndTheSourcesLawRelatedClassWinOverTheText() {
        assertThat(classifier.classify(true, "3/0101", "老板拖欠工资")).hasValueSatisfying(v ->
                assertThat(v.rule()).isEqualTo(LawClassifier.SOURCE_FLAG));
        assertThat(classifier.classify(false, "3/0401", "反映问题")).hasValueSatisfying(v -> {
            assertThat(v.rule()).isEqualTo(LawClassifier.SOURCE_CLASS);
            assertThat(v.evidence()).isEqualTo("3/0401");
        });
        assertThat(classifier.classify(false, "3/0101", "老板拖欠工资")).isEmpty();
        assertThat(classifier.classify(false, null, null)).isEmpty();
    }
}
