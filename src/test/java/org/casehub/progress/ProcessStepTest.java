package org.casehub.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

/** The case's process after each report, by the rules of config/process.yaml as shipped. */
class ProcessStepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProgressProperties RULES = rules();

    private static ProgressProperties rules() {
        try {
            return new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader()
                    .load("process", new FileSystemResource("config/process.yaml"))))
                    .bind("casehub.progress", ProgressProperties.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode step(String state, String reason, ObjectNode last) {
        ProgressReport report = new ProgressReport("C1", "R-" + state, "440303003", state, reason, null,
                Instant.parse("2026-12-05T01:30:00Z"));
        return ProcessStep.after(JSON, RULES, "C1", report, RULES.rule(state).orElseThrow(), last);
    }

    @Test
    void anExtensionLeavesTheStatusAndIsKeptByTheReportsAfterIt() {
        ObjectNode accepted = step("受理", null, null);

        ObjectNode extended = step("延期", "涉及多部门协调", accepted);

        assertThat(RULES.rule("延期").orElseThrow().reasonRequired()).isTrue();
        assertThat(extended.path("status").asText()).isEqualTo("accepted");
        assertThat(extended.path("state").asText()).isEqualTo("延期");
        assertThat(extended.path("extension").path("unit").asText()).isEqualTo("440303003");
        assertThat(extended.path("extension").path("reason").asText()).isEqualTo("涉及多部门协调");
        ObjectNode inHand = step("办理中", null, extended);
        assertThat(inHand.path("status").asText()).isEqualTo("in-progress");
        assertThat(inHand.path("extension").path("resultId").asText()).isEqualTo("R-延期");
        assertThat(inHand.path("reports").asInt()).isEqualTo(3);
    }

    @Test
    void anExtensionBeforeAnyOtherReportDecidesNoStatus() {
        assertThat(step("延期", "需补充调查", null).has("status")).isFalse();
    }

    @Test
    void aSecondExtensionIsRefusedWhateverCameBetween() {
        ObjectNode inHand = step("办理中", null, step("延期", "涉及多部门协调", step("受理", null, null)));

        assertThatThrownBy(() -> step("延期", "仍需时间", inHand)).isInstanceOf(ProgressConflictException.class)
                .hasMessageContaining("extended already").hasMessageContaining("extended once");
    }

    @Test
    void nothingFollowsAClosedCaseNotEvenAnExtension() {
        ObjectNode closed = step("办结", null, step("受理", null, null));

        assertThatThrownBy(() -> step("延期", "需补充调查", closed)).isInstanceOf(ProgressConflictException.class)
                .hasMessageContaining("nothing follows");
    }
}
