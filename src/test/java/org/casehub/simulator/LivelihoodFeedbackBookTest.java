package org.casehub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

class LivelihoodFeedbackBookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LivelihoodFeedbackBook book = new LivelihoodFeedbackBook();

    private static ObjectNode feedback(String id, String state) {
        return JSON.createObjectNode().put("feedbackId", id).put("state", state).put("deptCode", "440305")
                .put("deptName", "南山区").put("content", "…").put("time", "2026-12-05 09:30:00");
    }

    @Test
    void statesFollowTheOrdersAndNothingFollowsTheEnd() {
        assertThat(book.feedback("O1", true, feedback("F1", "办理中")).status()).isEqualTo(422);
        assertThat(book.feedback("O1", true, feedback("F2", "已受理")).status()).isEqualTo(200);
        assertThat(book.feedback("O1", true, feedback("F3", "办理中")).status()).isEqualTo(200);
        assertThat(book.feedback("O1", true, feedback("F4", "办理中")).status()).isEqualTo(200);
        assertThat(book.feedback("O1", true, feedback("F5", "已办结")).status()).isEqualTo(200);
        assertThat(book.feedback("O1", true, feedback("F6", "办理中")).status()).isEqualTo(422);
        assertThat(book.taken("O1")).hasSize(4);
    }

    @Test
    void aFeedbackIdIsTakenOnceAndAnUnknownOrderIsNotFound() {
        assertThat(book.feedback("O2", true, feedback("F7", "退回")).status()).isEqualTo(200);
        assertThat(book.feedback("O2", true, feedback("F7", "退回")).status()).isEqualTo(409);
        assertThat(book.feedback("O3", false, feedback("F8", "已受理")).status()).isEqualTo(404);
        assertThat(book.feedback("O3", true, feedback("", "已受理")).status()).isEqualTo(400);
    }
}
