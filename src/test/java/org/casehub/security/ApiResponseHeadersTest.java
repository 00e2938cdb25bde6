package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiResponseHeadersTest {

    private final ApiResponseHeaders headers = new ApiResponseHeaders();

    @Test
    void theRequestsQueryParametersAndHeadersAreNotSentBack() {
        assertThat(headers.applyFilterToCamelHeaders("reason", "城市管理", null)).isTrue();
        assertThat(headers.applyFilterToCamelHeaders("X-Api-Key", "secret", null)).isTrue();
        assertThat(headers.applyFilterToCamelHeaders("User-Agent", "curl", null)).isTrue();
        assertThat(headers.applyFilterToCamelHeaders("CamelHttpUri", "/api/cases", null)).isTrue();
    }

    @Test
    void whatTheRoutesAnswerWithIsSent() {
        assertThat(headers.applyFilterToCamelHeaders("Location", "/api/quarantine/replays/1", null)).isFalse();
        assertThat(headers.applyFilterToCamelHeaders("X-Casehub-Route", "v2", null)).isFalse();
    }
}
