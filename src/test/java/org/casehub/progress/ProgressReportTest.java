package org.casehub.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProgressReportTest {

    private static Map<String, Object> body() {
        Map<String, Object> body = new HashMap<>();
        body.put("resultId", "R-1");
        body.put("state", "答复");
        body.put("text", "已答复");
        body.put("time", "2026-12-05 09:30:00");
        return body;
    }

    @Test
    void aTimeWithoutAnOffsetIsBeijingTime() {
        ProgressReport report = ProgressReport.read("01CASE", body(), "440305");

        assertThat(report.actedAt()).isEqualTo(Instant.parse("2026-12-05T01:30:00Z"));
        assertThat(report.unit()).as("the caller's unit by default").isEqualTo("440305");
    }

    @Test
    void aTimeWithAnOffsetKeepsIt() {
        Map<String, Object> body = body();
        body.put("time", "2026-12-05T09:30:00Z");

        assertThat(ProgressReport.read("01CASE", body, null).actedAt()).isEqualTo(Instant.parse("2026-12-05T09:30:00Z"));
    }

    @Test
    void aMissingOrOverlongFieldIsNamed() {
        Map<String, Object> body = body();
        body.remove("resultId");
        assertThatIllegalArgumentException().isThrownBy(() -> ProgressReport.read("01CASE", body, null))
                .withMessage("resultId: required");

        Map<String, Object> longText = body();
        longText.put("text", "字".repeat(2001));
        assertThatIllegalArgumentException().isThrownBy(() -> ProgressReport.read("01CASE", longText, null))
                .withMessage("text: at most 2000 characters");

        Map<String, Object> badTime = body();
        badTime.put("time", "yesterday");
        assertThatIllegalArgumentException().isThrownBy(() -> ProgressReport.read("01CASE", badTime, null))
                .withMessageContaining("time: not a date-time");

        Map<String, Object> number = body();
        number.put("state", 3);
        assertThatIllegalArgumentException().isThrownBy(() -> ProgressReport.read("01CASE", number, null))
                .withMessage("state: must be a string");
    }

    @Test
    void aMessageWithoutACaseIdIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProgressReport.read(null, body(), null))
                .withMessage("caseId: required");
    }
}
