package org.casehub.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class DuplicateRuleTest {

    private static final String COMMUNITY = "440305007012";
    private static final String SIBLING = "440305007011";
    private static final String STREET = "440305007";
    private static final String WAGES = "本人在鑫源五金制品厂工作,老板已经6个月没发工资了,一共欠46000元,多次讨要无果。";
    private static final String WAGES_AGAIN = "鑫源五金制品厂拖欠我6个月工资共计4.6万元,老板一直推脱,请求帮助追讨。";
    private static final String OTHER_WAGES = "本人在华兴电子有限公司上班,公司拖欠3个月工资12000元,至今未付。";
    private static final String NOISE = "南山区粤海街道京光社区梅观路16号周边夜间施工噪声严重,多次反映未解决。";
    private static final String NOISE_AGAIN = "晚上工地一直施工,声音很大,影响休息,地点在南山区粤海街道京光社区梅观路16号。";
    private static final String OTHER_NOISE = "南山区粤海街道京光社区科苑路88号酒吧夜间音响声音太大,严重扰民。";

    private final DuplicateRule rule = Cases.rule();

    private Comparison compare(Cases a, Cases b) {
        return rule.compare(a.facts(), b.facts());
    }

    @Test
    void samePersonByValidIdNumberWithTheSameMatterMerges() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1"),
                Cases.of("labour", STREET, WAGES_AGAIN).petitioner("周娜", "A", null).daysLater(3));

        assertThat(c.kind()).isEqualTo(LinkKind.MERGED);
        assertThat(c.features()).containsEntry("person", "same-id").containsEntry("place", "within-street");
        assertThat(c.score()).isGreaterThanOrEqualTo(0.6);
    }

    @Test
    void samePersonByPhoneWithANameMissingMerges() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", null, "1"),
                Cases.of("labour", COMMUNITY, WAGES_AGAIN).petitioner(null, null, "1"));

        assertThat(c.kind()).isEqualTo(LinkKind.MERGED);
        assertThat(c.features()).containsEntry("person", "same-phone");
    }

    @Test
    void differentValidIdNumbersAreDifferentPersonsEvenWithTheSamePhone() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1"),
                Cases.of("labour", COMMUNITY, WAGES_AGAIN).petitioner("周娜", "B", "1"));

        assertThat(c.kind()).isEqualTo(LinkKind.RELATED);
        assertThat(c.features()).containsEntry("person", "different");
    }

    @Test
    void theSamePhoneWithAnotherNameIsAnotherPerson() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", null, "1"),
                Cases.of("labour", COMMUNITY, WAGES_AGAIN).petitioner("谭艳", null, "1"));

        assertThat(c.kind()).isEqualTo(LinkKind.RELATED);
    }

    @Test
    void anIdNumberFailingItsChecksumProvesNothing() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).person("petitioner", "周娜", "A", false, "1"),
                Cases.of("labour", COMMUNITY, WAGES_AGAIN).person("petitioner", "周娜", "B", false, "1"));

        assertThat(c.features()).containsEntry("person", "same-phone");
        assertThat(c.kind()).isEqualTo(LinkKind.MERGED);
    }

    @Test
    void namesAloneNeverProveOnePersonAwayFromThePlace() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", null),
                Cases.of("labour", "440305", WAGES_AGAIN).petitioner("周娜", null, "1"));

        assertThat(c.features()).containsEntry("person", "same-name").containsEntry("place", "within-district");
        assertThat(c.kind()).isEqualTo(LinkKind.POSSIBLE);
    }

    @Test
    void aGridWorkerReportingIsNotAPersonOfTheGrievance() {
        Cases grid = Cases.of("noise", COMMUNITY, NOISE_AGAIN).person("reporter", "许涵国", null, false, null);

        assertThat(grid.facts().persons()).isEmpty();
        assertThat(grid.facts().anonymous()).isTrue();
    }

    @Test
    void anonymousReportsOfOneMatterAtOnePlaceWithinTheWindowMerge() {
        Comparison c = compare(Cases.of("noise", COMMUNITY, NOISE).address("南山区粤海街道京光社区梅观路16号"),
                Cases.of("noise", COMMUNITY, NOISE_AGAIN).daysLater(1));

        assertThat(c.kind()).isEqualTo(LinkKind.MERGED);
        assertThat(c.features()).containsEntry("person", "anonymous").containsEntry("place", "same-community");
        assertThat((List<Object>) c.features().get("sharedFacts")).contains("address");
    }

    @Test
    void anonymousReportsAWeekAndMoreApartAreOnlyPossible() {
        Comparison c = compare(Cases.of("noise", COMMUNITY, NOISE), Cases.of("noise", COMMUNITY, NOISE_AGAIN).daysLater(8));

        assertThat(c.kind()).isEqualTo(LinkKind.POSSIBLE);
    }

    @Test
    void anonymousReportsOfOneMatterInAnotherCommunityAreNotMergedWithoutTheSameAddress() {
        String elsewhere = "晚上工地一直施工,声音很大,影响休息。";
        Comparison c = compare(Cases.of("noise", COMMUNITY, NOISE), Cases.of("noise", SIBLING, elsewhere));

        assertThat(c.features()).containsEntry("place", "same-street");
        assertThat(c.kind()).isNotEqualTo(LinkKind.MERGED);
    }

    @Test
    void anonymousReportsInAnotherCommunityWithTheSameStreetNumberAreOnePlace() {
        Comparison c = compare(Cases.of("noise", COMMUNITY, NOISE), Cases.of("noise", SIBLING, NOISE_AGAIN));

        assertThat(c.features()).containsEntry("place", "same-address");
        assertThat(c.kind()).isEqualTo(LinkKind.MERGED);
    }

    @Test
    void anonymousReportsOfAnotherMatterAtTheSamePlaceStayApart() {
        Comparison c = compare(Cases.of("noise", COMMUNITY, NOISE), Cases.of("noise", COMMUNITY, OTHER_NOISE));

        assertThat(c.kind()).isNull();
        assertThat((List<Object>) c.features().get("conflictingFacts")).contains("address");
    }

    @Test
    void withoutAPersonADifferingKeyFactOrNoWordingInCommonKeepsReportsApart() {
        Cases investor = Cases.of("finance", COMMUNITY, "举报鑫源公司非法吸收公众存款,到期不能兑付本息88000元。").address("梅观路16号");
        Cases other = Cases.of("finance", COMMUNITY, "在鑫源公司投了49000元理财,现在公司人去楼空。").address("梅观路16号").daysLater(1);
        Cases unrelated = Cases.of("environment", COMMUNITY, "河里的鱼都死了").address("梅观路16号").daysLater(1);

        assertThat(compare(investor, other).kind()).isNotEqualTo(LinkKind.MERGED);
        assertThat((List<Object>) compare(investor, other).features().get("conflictingFacts")).contains("amount");
        assertThat(compare(Cases.of("noise", COMMUNITY, "工地施工噪声扰民").address("梅观路16号"), unrelated).kind())
                .isNotEqualTo(LinkKind.MERGED);
    }

    @Test
    void anonymousReportsOfTheSameCategoryInOtherWordsAtOneStreetNumberMerge() {
        Comparison c = compare(Cases.of("traffic", COMMUNITY, "反映梅观路16号红绿灯故障多日。").address("梅观路16号"),
                Cases.of("traffic", COMMUNITY, "梅观路16号路口的信号灯一直不亮。").address("梅观路16号").daysLater(2));

        assertThat(c.features()).containsEntry("text", 0.0);
        assertThat(c.kind()).isEqualTo(LinkKind.MERGED);
    }

    @Test
    void aRecordPlacedAtItsDistrictIsAtTheSamePlaceWhenTheStreetNumberAgrees() {
        Comparison c = compare(Cases.of("noise", "440305", NOISE_AGAIN), Cases.of("noise", COMMUNITY, NOISE).daysLater(1));

        assertThat(c.features()).containsEntry("place", "same-address");
        assertThat(c.kind()).isEqualTo(LinkKind.MERGED);
        assertThat(rule.blockingKeys(Cases.of("noise", "440305", NOISE_AGAIN).facts())).containsExactly("addr:440305:梅观路16");
    }

    @Test
    void anAnonymousReportJoinsTheCaseOfAPersonWithTheSameMatterAtThePlace() {
        Comparison c = compare(Cases.of("noise", COMMUNITY, NOISE_AGAIN),
                Cases.of("urban", COMMUNITY, NOISE).petitioner("周娜", null, "1").daysLater(2));

        assertThat(c.features()).containsEntry("person", "anonymous").containsEntry("category", "group");
        assertThat(c.kind()).isEqualTo(LinkKind.MERGED);
    }

    @Test
    void workersOwedWagesByOneCompanyAreRelatedAndNeverMerged() {
        Cases first = Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1");
        Cases second = Cases.of("labour", COMMUNITY, WAGES).petitioner("谭艳", "B", "2").daysLater(1);
        Cases third = Cases.of("labour", COMMUNITY, "鑫源五金制品厂拖欠我5个月工资共38000元,请求帮助追讨。")
                .petitioner("黎洋国", null, "3").daysLater(2);

        assertThat(compare(second, first).kind()).isEqualTo(LinkKind.RELATED);
        assertThat(compare(third, first).kind()).isEqualTo(LinkKind.RELATED);
        assertThat((List<Object>) compare(third, first).features().get("sharedFacts")).contains("company");
    }

    @Test
    void onePersonWithTwoMattersOfOneCategoryGetsTwoCasesAndNoLink() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1"),
                Cases.of("labour", COMMUNITY, OTHER_WAGES).petitioner("周娜", "A", "1").daysLater(5));

        assertThat(c.features()).containsEntry("person", "same-id");
        assertThat((List<Object>) c.features().get("conflictingFacts")).contains("company", "amount");
        assertThat(c.kind()).isNull();
    }

    @Test
    void onePersonWithMattersOfIncompatibleCategoriesGetsTwoCasesAndNoLink() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1"),
                Cases.of("noise", COMMUNITY, NOISE).petitioner("周娜", "A", "1"));

        assertThat(c.features()).containsEntry("category", "incompatible");
        assertThat(c.kind()).isNull();
    }

    @Test
    void categoriesOfOneGroupAreOneMatterAndOtherIsCompatibleWithAny() {
        assertThat(compare(Cases.of("housing", COMMUNITY, WAGES), Cases.of("property", COMMUNITY, WAGES)).features())
                .containsEntry("category", "group");
        assertThat(compare(Cases.of("other", COMMUNITY, WAGES), Cases.of("labour", COMMUNITY, WAGES)).features())
                .containsEntry("category", "any");
    }

    @Test
    void theSameMatterOutsideTheMatterWindowIsNotLinked() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1"),
                Cases.of("labour", COMMUNITY, WAGES_AGAIN).petitioner("周娜", "A", "1").daysLater(31));

        assertThat(c.kind()).isNull();
        assertThat(c.features()).containsEntry("daysApart", 31.0);
    }

    @Test
    void onePersonsMatterPlacedInAnotherStreetIsOnlyPossible() {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1"),
                Cases.of("labour", "440305001001", WAGES).petitioner("周娜", "A", "1"));

        assertThat(c.features()).containsEntry("place", "different");
        assertThat(c.kind()).isEqualTo(LinkKind.POSSIBLE);
    }

    @Test
    void reportsInDifferentStreetsAreNeitherMergedNorRelated() {
        assertThat(compare(Cases.of("noise", COMMUNITY, NOISE), Cases.of("noise", "440305001001", NOISE)).kind()).isNull();
        assertThat(compare(Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1"),
                Cases.of("labour", "440305001001", WAGES).petitioner("谭艳", "B", "2")).kind()).isNull();
    }

    @Test
    void aSharedNameAtTheSameStreetNumberMergesWithinTheMatterWindow() {
        Cases petition = Cases.of("noise", COMMUNITY, NOISE).petitioner("周娜", "A", null);

        assertThat(compare(petition, Cases.of("noise", COMMUNITY, NOISE_AGAIN).petitioner("周娜", null, "1").daysLater(20)).kind())
                .isEqualTo(LinkKind.MERGED);
        assertThat(compare(petition, Cases.of("noise", COMMUNITY, OTHER_NOISE).petitioner("周娜", null, "1").daysLater(2)).kind())
                .isNotEqualTo(LinkKind.MERGED);
    }

    @Test
    void sharedKeyFactsWeighForAndDifferingOnesAgainst() {
        Cases wages = Cases.of("labour", COMMUNITY, WAGES);
        double sameCompanyAndAmount = compare(wages, Cases.of("labour", COMMUNITY, WAGES_AGAIN)).score();
        double otherAmount = compare(wages, Cases.of("labour", COMMUNITY, WAGES_AGAIN.replace("4.6万", "9.9万"))).score();
        double otherCompany = compare(wages, Cases.of("labour", COMMUNITY, WAGES_AGAIN.replace("鑫源五金制品", "宏达物流"))).score();

        assertThat(sameCompanyAndAmount).isGreaterThan(otherAmount);
        assertThat(otherAmount).isGreaterThan(otherCompany);
    }

    @Test
    void featuresComeInAFixedOrderAndWriteAsJson() throws Exception {
        Comparison c = compare(Cases.of("labour", COMMUNITY, WAGES), Cases.of("labour", COMMUNITY, WAGES_AGAIN));

        assertThat(c.features().keySet())
                .containsExactly("person", "category", "place", "daysApart", "text", "sharedFacts", "conflictingFacts");
        assertThat(Cases.JSON.writeValueAsString(c.features())).startsWith("{\"person\":\"anonymous\",\"category\":\"same\"");
    }

    @Test
    void blockingKeysAreTheIdsPhonesAndTheCommunityWithTheCategoryGroup() {
        Set<String> keys = rule.blockingKeys(Cases.of("property", COMMUNITY, NOISE)
                .petitioner("周娜", "A", "1").person("petitioner", "谭艳", "B", false, null).facts());

        assertThat(keys).containsExactly("id:" + Cases.hash("id:A"), "phone:" + Cases.hash("phone:1"),
                "place:" + COMMUNITY + ":residence", "addr:440305:梅观路16");
        assertThat(keys).allMatch(k -> k.length() <= 100);
    }

    @Test
    void aRecordOfAnyCategoryIsLookedUpUnderEveryGroupAndADistrictNotAtAll() {
        assertThat(rule.blockingKeys(Cases.of("other", STREET, "其他问题").facts()))
                .contains("place:" + STREET + ":labour", "place:" + STREET + ":surroundings", "place:" + STREET + ":any");
        assertThat(rule.blockingKeys(Cases.of("labour", "440305", WAGES).facts())).isEmpty();
        assertThat(rule.blockingKeys(Cases.of("labour", "440305", WAGES).petitioner("周娜", "A", null).facts()))
                .containsExactly("id:" + Cases.hash("id:A"));
        assertThat(rule.blockingKeys(Cases.of("labour", "440305", WAGES).petitioner("周娜", "A", null).facts()))
                .containsExactly("id:" + Cases.hash("id:A"));
    }

    @Test
    void aDecisionLooksWithinTheWidestWindowAndJoinsTheBestMergingCase() {
        List<Instant> asked = new ArrayList<>();
        CaseFacts incoming = Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1").facts();
        Decision decision = rule.decide(rule.profile(incoming), (keys, from, to) -> {
            asked.add(from);
            asked.add(to);
            return List.of(
                    new Candidate("weak", rule.profile(Cases.of("labour", SIBLING, WAGES_AGAIN).petitioner("周娜", "A", null).facts())),
                    new Candidate("strong", rule.profile(Cases.of("labour", COMMUNITY, WAGES).petitioner(null, null, "1").facts())),
                    new Candidate("other", rule.profile(Cases.of("labour", COMMUNITY, WAGES).petitioner("谭艳", "B", "2").facts())));
        });

        assertThat(asked).containsExactly(Cases.T0.minus(Duration.ofDays(30)), Cases.T0.plus(Duration.ofDays(30)));
        assertThat(decision.merged()).isTrue();
        assertThat(decision.mergeInto()).isEqualTo("strong");
        assertThat(decision.merge().features()).containsEntry("person", "same-phone");
        assertThat(decision.links()).isEmpty();
    }

    @Test
    void aNewCaseCarriesItsPossibleAndRelatedLinksBestFirst() {
        CaseFacts incoming = Cases.of("labour", COMMUNITY, WAGES).petitioner("周娜", "A", "1").facts();
        Decision decision = rule.decide(rule.profile(incoming), (keys, from, to) -> List.of(
                new Candidate("colleague", rule.profile(Cases.of("labour", COMMUNITY, WAGES_AGAIN).petitioner("谭艳", "B", "2").facts())),
                new Candidate("colleague", rule.profile(Cases.of("labour", COMMUNITY, WAGES_AGAIN).petitioner("谭艳", "B", "2").facts())),
                new Candidate("namesake", rule.profile(Cases.of("labour", "440305", WAGES).petitioner("周娜", null, null).facts())),
                new Candidate("noise", rule.profile(Cases.of("noise", COMMUNITY, NOISE).facts()))));

        assertThat(decision.merged()).isFalse();
        assertThat(decision.links()).extracting(Link::caseId).containsExactlyInAnyOrder("colleague", "namesake");
        assertThat(decision.links()).extracting(Link::kind).containsExactlyInAnyOrder(LinkKind.RELATED, LinkKind.POSSIBLE);
        assertThat(decision.links().get(0).score()).isGreaterThanOrEqualTo(decision.links().get(1).score());
    }

    @Test
    void aDisabledRuleMakesEveryRecordANewCase() {
        DedupProperties off = new DedupProperties(false, 0.6, 0.45, 0.45, Duration.ofDays(30), Duration.ofDays(7), 10, 100, 100);
        Decision decision = new DuplicateRule(off, Cases.VOCABULARY).decide(rule.profile(Cases.of("labour", COMMUNITY, WAGES).facts()),
                (keys, from, to) -> { throw new AssertionError("no lookup when disabled"); });

        assertThat(decision.merged()).isFalse();
        assertThat(decision.links()).isEmpty();
    }
}
