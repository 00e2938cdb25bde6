package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceHealthTest {

    private final SourceHealth sources = new SourceHealth();

    @Test
    void aSourceIsFailingFromItsFirstFailureUntilItAnswersAgain() {
        sources.succeeded("livelihood");
        assertThat(sources.state("livelihood").orElseThrow().failing()).isFalse();

        sources.failed("livelihood", "HTTP 503");
        sources.failed("livelihood", "HTTP 503");
        SourceHealth.State failing = sources.state("livelihood").orElseThrow();
        assertThat(failing.failing()).isTrue();
        assertThat(failing.failures()).isEqualTo(2);
        assertThat(failing.lastSuccess()).isNotNull();

        sources.succeeded("livelihood");
        assertThat(sources.state("livelihood").orElseThrow().failing()).isFalse();
        assertThat(sources.state("livelihood").orElseThrow().lastFailure()).isNotNull();
    }

    @Test
    void errorsAreMaskedAndAnUnconfiguredSourceSaysSo() {
        sources.failed("provincial-petition", "row of 13812345678 refused");
        assertThat(sources.state("provincial-petition").orElseThrow().error()).doesNotContain("13812345678");

        sources.notConfigured("livelihood");
        assertThat(sources.state("livelihood").orElseThrow().configured()).isFalse();
        assertThat(sources.state("public-safety")).isEmpty();
    }
}
