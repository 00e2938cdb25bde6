package org.casehub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LivelihoodMappingTest {

    private static final String FEED = "livelihood";
    private static List<JsonNode> samples;
    private static SourcePipeline pipeline;

    @BeforeAll
    static void load(@TempDir Path keys) throws IOException {
        samples = new ArrayList<>();
        Samples.JSON.readTree(Files.readString(Path.of("src/test/resources/contracts/livelihood.sample.json")))
                .path("items").forEach(samples::add);
        pipeline = new SourcePipeline(keys);
    }

    private static FeedRecord record(JsonNode order) {
        return new FeedRecord(FEED, order.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("page", 0), Instant.now());
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(0, "GD12345-20261105-000001", "web", "noise", "投诉/城市管理/噪声", 0, "2026-11-05T19:21:00+08:00", "440305007012"),
                Arguments.of(1, "GD12345-20261108-000002", "wechat", "labour", "投诉/劳动保障/工资拖欠", 1, "2026-11-08T13:19:00+08:00", "440303008009"),
                Arguments.of(2, "GD12345-20261114-000003", "web", "labour", "投诉/劳动保障/工资拖欠", 1, "2026-11-14T20:24:00+08:00", "440309004016"),
                Arguments.of(3, "GD12345-20261117-000004", "app", "finance", "举报/金融监管/非法集资", 1, "2026-11-17T00:45:00+08:00", "440309005008"),
                Arguments.of(4, "GD12345-20261112-000005", "web", "finance", "举报/金融监管/非法集资", 1, "2026-11-12T16:06:00+08:00", "440311006002"));
    }

    @ParameterizedTest(name = "sample {1}")
    @MethodSource("samples")
    void everySampleWorkOrderBecomesAValidCaseInTheCommunityItNames(int index, String orderNo, String channel,
            String category, String sourceCode, int persons, String updatedAt, String community) {
        FeedRecord record = pipeline.run(record(samples.get(index)));
        ObjectNode mapped = record.canonical();

        assertThat(record.recordId()).isEqualTo(orderNo);
        assertThat(record.sourceVersion()).isEqualTo(OffsetDateTime.parse(updatedAt).toInstant().toEpochMilli());
        assertThat(mapped.path("channel").asText()).isEqualTo(channel);
        assertThat(mapped.path("category").asText()).isEqualTo(category);
        assertThat(mapped.path("sourceCategory").path("code").asText()).isEqualTo(sourceCode);
        assertThat(mapped.path("status").asText()).isEqualTo("accepted");
        assertThat(mapped.path("sourceStatus").asText()).isEqualTo("已派单");
        assertThat(mapped.path("updatedAt").asText()).isEqualTo(updatedAt);
        assertThat(mapped.path("persons")).hasSize(persons);
        assertThat(mapped.path("location").path("divisionCode").asText()).isEqualTo(community);
        assertThat(mapped.path("location").path("resolution").path("manualRouting").asBoolean()).isFalse();
        assertThat(mapped.path("location").path("names").path("district").asText())
                .isEqualTo(samples.get(index).path("districtName").asText());
        assertThat(mapped.path("location").path("address").asText()).isEqualTo(samples.get(index).path("address").asText());
        assertThat(mapped.path("lawRelated").asBoolean()).isFalse();
        assertThat(mapped.path("group").asBoolean()).isFalse();
    }

    @Test
    void theDeadlineBecomesTheExpectedAnswerTime() {
        ObjectNode mapped = pipeline.run(record(samples.get(0))).canonical();

        assertThat(mapped.path("deadlines").path("expected").asText()).isEqualTo("2026-11-26T19:21:00+08:00");
        assertThat(mapped.path("reportedAt").asText()).isEqualTo("2026-11-05T19:21:00+08:00");
    }

    @Test
    void aCitizenWithAResidentIdBecomesAPetitionerWithIdNumberAndPhoneMasked() {
        FeedRecord record = pipeline.run(record(samples.get(2)));
        JsonNode petitioner = record.canonical().path("persons").get(0);

        assertThat(petitioner.path("role").asText()).isEqualTo("petitioner");
        assertThat(petitioner.path("name").asText()).isEqualTo("谭*");
        assertThat(petitioner.path("idNumber").asText()).isEqualTo("421023********8517");
        assertThat(petitioner.path("phone").asText()).isEqualTo("152****5893");
        assertThat(petitioner.path("idNumberHash").asText()).hasSize(64);
    }

    @Test
    void aCertificateOtherThanAResidentIdIsNotTakenForAnIdNumber() {
        ObjectNode order = samples.get(2).deepCopy();
        ((ObjectNode) order.path("citizen")).put("certType", "护照").put("certNo", "E12345678");

        JsonNode petitioner = pipeline.run(record(order)).canonical().path("persons").get(0);

        assertThat(petitioner.has("idNumber")).isFalse();
        assertThat(petitioner.path("phone").asText()).isEqualTo("152****5893");
    }

    @Test
    void anUnknownMatterTypeIsKeptAsOtherAndRecordedAsUnmapped() {
        ObjectNode order = samples.get(0).deepCopy();
        order.put("matterType", "星际事务/外星人");

        JsonNode mapped = pipeline.run(record(order)).canonical();

        assertThat(mapped.path("category").asText()).isEqualTo("other");
        assertThat(mapped.path("unmappedCodes").get(0).path("code").asText()).isEqualTo("星际事务/外星人");
        assertThat(mapped.path("unmappedCodes").get(0).path("usedInstead").asText()).isEqualTo("其他/其他");
    }

    @Test
    void anUnknown小类UnderALawRelated大类IsLegalAndLawRelated() {
        ObjectNode order = samples.get(0).deepCopy();
        order.put("matterType", "政法/行政复议");

        JsonNode mapped = pipeline.run(record(order)).canonical();

        assertThat(mapped.path("category").asText()).isEqualTo("legal");
        assertThat(mapped.path("lawRelated").asBoolean()).isTrue();
        assertThat(mapped.path("unmappedCodes").get(0).path("usedInstead").asText()).isEqualTo("政法");
    }

    @Test
    void everyUnknownStrictCodeIsNamedInOneReason() {
        ObjectNode order = samples.get(0).deepCopy();
        order.put("channel", "小程序").put("state", "挂起").put("matterType", "星际事务/外星人");

        assertThatThrownBy(() -> pipeline.run(record(order)))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.stage()).isEqualTo("code-list");
                    assertThat(e.getMessage()).contains("unknown code '小程序' in code list 'livelihood.channel'")
                            .contains("unknown code '挂起' in code list 'livelihood.state'")
                            .doesNotContain("matterType");
                });
    }

    @Test
    void anUpdateTimeNotInTheContractsFormatFailsTheSourceSchema() {
        ObjectNode order = samples.get(0).deepCopy();
        order.put("acceptTime", "2026/11/05 19:21");

        assertThatThrownBy(() -> pipeline.run(record(order)))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.stage()).isEqualTo("source-schema");
                    assertThat(e.getMessage()).contains("/acceptTime");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1381234123a", "138123412345", "无", "138-1234-1234"})
    void mobileTheSourceWroteBadlyIsFlaggedOnThePersonNotRefused(String mobile) {
        ObjectNode order = samples.get(1).deepCopy();
        ((ObjectNode) order.path("citizen")).put("mobile", mobile);

        FeedRecord record = pipeline.run(record(order));

        assertThat(record.rejected()).isFalse();
        assertThat(record.canonical().at("/persons/0/phone").asText()).contains("*").isNotEqualTo(mobile);
    }
}
