package org.casehub.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LivelihoodFeedbackTest {

    @Test
    void takenAndTakenBeforeAreDone() {
        assertThat(LivelihoodFeedback.answer(200, "{\"accepted\": true}", null).kind()).isEqualTo(Answer.Kind.WRITTEN);
        assertThat(LivelihoodFeedback.answer(409, "{\"code\": \"DUPLICATE\"}", null).kind()).isEqualTo(Answer.Kind.DUPLICATE);
    }

    @Test
    void aStateThatDoesNotFollowAndAnUnknownOrderAreRefusedWithWhatThePlatformSaid() {
        Answer state = LivelihoodFeedback.answer(422, "{\"code\": \"STATE\", \"message\": \"已受理 does not follow 办理中\"}", null);
        assertThat(state.kind()).isEqualTo(Answer.Kind.REFUSED);
        assertThat(state.detail()).contains("HTTP 422").contains("STATE");
        assertThat(LivelihoodFeedback.answer(404, "", null).kind()).isEqualTo(Answer.Kind.REFUSED);
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSaysAndAnOutageOrAWrongKeyIsTriedAgain() {
        Answer busy = LivelihoodFeedback.answer(429, "", "7");
        assertThat(busy.kind()).isEqualTo(Answer.Kind.RETRY);
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(LivelihoodFeedback.answer(429, "", null).retryAfter()).as("the relay's own backoff").isNull();
        assertThat(LivelihoodFeedback.answer(503, "", null).kind()).isEqualTo(Answer.Kind.RETRY);
        assertThat(LivelihoodFeedback.answer(401, "", null).kind()).isEqualTo(Answer.Kind.RETRY);
    }

    @Test
    void anIdNumberInThePlatformsAnswerIsMasked() {
        assertThat(LivelihoodFeedback.answer(422, "{\"message\": \"440305199001011234\"}", null).detail())
                .doesNotContain("440305199001011234");
    }
}
