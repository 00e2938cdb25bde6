package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.mapping.CaseMapper;
import org.casehub.mapping.CaseValidator;
import org.casehub.mapping.JsonSchemas;
import org.casehub.mapping.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunTest {

    @TempDir
    Path keys;

    private final CaseMapper mapper = Samples.mapper();
    private DryRun dryRun;

    @BeforeEach
    void pipeline() {
        dryRun = new DryRun(Samples.FEEDS, Samples.normalizer(Samples.FEEDS, new CaseValidator(new JsonSchemas(Samples.HOME)),
                mapper, Samples.protector(Samples.generatedKeys(keys))), Samples.JSON);
    }

    @Test
    void aRecordPastALimitIsReportedAtStageLimitsAsThePipelineWouldQuarantineIt() throws Exception {
        String sample = Files.readAllLines(Path.of("mappings/samples/livelihood.jsonl")).get(0);
        ObjectNode order = (ObjectNode) Samples.JSON.readTree(sample);
        order.put("content", "噪".repeat(20_001));

        DryRun.Report report = dryRun.report("livelihood", Samples.JSON.writeValueAsBytes(order));

        assertThat(report.results()).singleElement().satisfies(result -> {
            assertThat(result.stage()).isEqualTo("limits");
            assertThat(result.errors()).singleElement().asString().contains("casehub.limits.max-text-length (20000)");
        });
    }

    @Test
    void everyLivelihoodSampleBecomesAValidCaseWithMaskedPersons() throws Exception {
        DryRun.Report report = dryRun.report("livelihood", Files.readAllBytes(Path.of("mappings/samples/livelihood.jsonl")));

        assertThat(report.records()).isEqualTo(5);
        assertThat(report.invalid()).isZero();
        assertThat(report.results().get(0).recordId()).isEqualTo("GD12345-20261105-000001");
        assertThat(report.results().get(1).caseData().toString()).contains("周*").doesNotContain("17747636337");
    }

    @Test
    void theDryRunShowsTheFallbackAnUnknownClassificationCodeTook() throws Exception {
        String sample = Files.readAllLines(Path.of("mappings/samples/livelihood.jsonl")).get(0)
                .replaceFirst("\"matterType\"\\s*:\\s*\"[^\"]*\"", "\"matterType\": \"住房和城乡建设/高空抛物\"");

        DryRun.Report report = dryRun.report("livelihood", sample.getBytes(StandardCharsets.UTF_8));

        assertThat(report.invalid()).isZero();
        assertThat(report.results().get(0).caseData().path("category").asText()).isEqualTo("housing");
        assertThat(report.results().get(0).caseData().path("unmappedCodes").toString()).isEqualTo("[{\"list\":"
                + "\"livelihood.matterType\",\"code\":\"住房和城乡建设/高空抛物\",\"usedInstead\":\"住房和城乡建设\"}]");
    }

    @Test
    void anInvalidRecordIsAnsweredWithItsStageAndJsonPointerErrors() {
        String body = "[{\"orderNo\":\"GD12345-20261122-000001\",\"updateTime\":\"2026-11-22 08:00:00\",\"matterType\":\"噪声\"},"
                + "{\"orderNo\":\"GD12345-20261122-000002\"}]";

        DryRun.Report report = dryRun.report("livelihood", body.getBytes(StandardCharsets.UTF_8));

        assertThat(report.valid()).isZero();
        assertThat(report.results().get(0).stage()).isEqualTo("source-schema");
        assertThat(report.results().get(0).errors()).anyMatch(e -> e.startsWith("/matterType: "));
        assertThat(report.results().get(1).stage()).isEqualTo("identity");
        assertThat(report.results().get(1).errors()).containsExactly("missing /updateTime");
    }

    @Test
    void aCandidateMappingIsTriedInsteadOfTheRunningOne() throws Exception {
        String candidate = Files.readString(Path.of("mappings/livelihood.jsonata"))
                .replace("\"title\": title ? title", "\"title\": title ? \"试：\" & title");
        byte[] sample = Files.readAllLines(Path.of("mappings/samples/livelihood.jsonl")).get(0).getBytes(StandardCharsets.UTF_8);

        List<DryRun.Result> results = dryRun.run("livelihood", List.of(sample), mapper.compile(candidate));

        assertThat(results.get(0).caseData().path("title").asText()).startsWith("试：");
        assertThat(dryRun.run("livelihood", List.of(sample), null).get(0).caseData().path("title").asText())
                .doesNotStartWith("试：");
    }

    @Test
    void anUnknownFeedOrTooManyRecordsAreRefused() {
        assertThatThrownBy(() -> dryRun.report("no-such-feed", "{}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-feed");
        byte[] many = "{}\n".repeat(DryRun.MAX_RECORDS + 1).getBytes();
        assertThatThrownBy(() -> dryRun.report("livelihood", many))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most " + DryRun.MAX_RECORDS);
    }
}
