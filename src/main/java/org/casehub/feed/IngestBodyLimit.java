package org.casehub.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.casehub.security.RequestOrigin;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: those of {@code /ingest/**} (one source record) at {@code casehub.ingest.max-body}, those of the
 * API (a dry run's records, a replay's criteria, a discard's reason) and of the actuator's operations at {@code
 * casehub.ingest.max-api-body} — the dry run once read a 50 MB body into memory. A declared Content-Length above the limit is refused 413 before any byte is
 * read, and a body without one (chunked) is read at most one byte past the limit. GET and HEAD are not read. The route
 * then gets the body from memory, as bytes: the webhooks are REST routes on platform-http with {@code useStreaming}
 * (routes/api/access.camel.yaml), which read the input stream, never a reader. No reader is offered on purpose: it
 * would decode the bytes before the feed's strict decoder sees them (bad UTF-8 turned into U+FFFD); asking for
 * one after this filter fails instead, as the container refuses a reader once the stream was read.
 */
final class IngestBodyLimit extends OncePerRequestFilter {

    private final int maxIngestBytes;
    private final int maxApiBytes;
    private final ObjectMapper json;

    IngestBodyLimit(int maxIngestBytes, int maxApiBytes, ObjectMapper json) {
        this.maxIngestBytes = maxIngestBytes;
        this.maxApiBytes = maxApiBytes;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean webhook = request.getRequestURI().startsWith("/ingest/");
        int maxBytes = webhook ? maxIngestBytes : maxApiBytes;
        String property = webhook ? "casehub.ingest.max-body" : "casehub.ingest.max-api-body";
        if (request.getContentLengthLong() > maxBytes) {
            refuse(request, response, maxBytes, property);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            refuse(request, response, maxBytes, property);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int maxBytes, String property)
            throws IOException {
        HttpStatus status = HttpStatus.PAYLOAD_TOO_LARGE;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", "the body exceeds " + maxBytes + " bytes (" + property + ")");
        body.put("requestId", RequestOrigin.of(request).requestId());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }

    /** The request with its body already read into memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
