package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.ServletException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class IngestBodyLimitTest {

    private final IngestBodyLimit limit = new IngestBodyLimit(10, 50, new ObjectMapper());

    private static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/ingest/livelihood");
        request.setContent(body);
        return request;
    }

    @Test
    void aBodyWithinTheLimitReachesTheRouteWhole() throws ServletException, IOException {
        AtomicReference<byte[]> seen = new AtomicReference<>();
        MockHttpServletResponse response = new MockHttpServletResponse();

        limit.doFilter(post("0123456789".getBytes()), response, (req, res) -> seen.set(req.getInputStream().readAllBytes()));

        assertThat(seen.get()).isEqualTo("0123456789".getBytes());
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void theRouteCannotReadTheBodyAsTextSoItsBytesAreNeverDecodedLossily() throws ServletException, IOException {
        // 0xC3 0x28 is invalid UTF-8: a reader would hand the route U+FFFD in its place
        byte[] invalid = {'{', (byte) 0xC3, 0x28, '}'};
        AtomicReference<Throwable> reading = new AtomicReference<>();

        limit.doFilter(post(invalid), new MockHttpServletResponse(), (req, res) -> {
            try {
                ((jakarta.servlet.http.HttpServletRequest) req).getReader();
            } catch (IllegalStateException e) {
                reading.set(e);
            }
        });

        assertThat(reading.get()).as("a reader is refused once the filter took the body").isNotNull();
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefused413WithoutReadingTheBody() throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/ingest/livelihood") {
            @Override
            public long getContentLengthLong() {
                return 11;
            }

            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                throw new AssertionError("the body was read");
            }
        };
        MockHttpServletResponse response = new MockHttpServletResponse();

        limit.doFilter(request, response, (req, res) -> { throw new AssertionError("passed on"); });

        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void aBodyWithoutLengthIsReadOnlyUntilItPassesTheLimit() throws ServletException, IOException {
        MockHttpServletRequest request = post(new byte[1000]);
        request.removeHeader("Content-Length");
        MockHttpServletResponse response = new MockHttpServletResponse();

        limit.doFilter(new jakarta.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        }, response, (req, res) -> { throw new AssertionError("passed on"); });

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(request.getInputStream().available()).isEqualTo(1000 - 11);
        assertThat(response.getContentAsString()).contains("exceeds 10 bytes");
    }

    @Test
    void apiBodiesHaveTheirOwnCap() throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/feeds/livelihood/dry-run");
        request.setContent(new byte[51]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Boolean> passed = new AtomicReference<>(false);

        limit.doFilter(request, response, (req, res) -> passed.set(true));

        assertThat(passed.get()).isFalse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("casehub.ingest.max-api-body");
    }

    @Test
    void apiBodyWithinItsCapPassesAlthoughAboveTheWebhookCap() throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/quarantine/replays");
        request.setContent(new byte[50]);
        AtomicReference<Integer> read = new AtomicReference<>();

        limit.doFilter(request, new MockHttpServletResponse(), (req, res) -> read.set(req.getInputStream().readAllBytes().length));

        assertThat(read.get()).isEqualTo(50);
    }

    @Test
    void requestsWithoutABodyAreNotRead() throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/cases");
        request.setContent(new byte[100]);
        AtomicReference<Boolean> passed = new AtomicReference<>(false);

        limit.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set(req == request));

        assertThat(passed.get()).isTrue();
    }
}
