package org.casehub.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a refused request with 401 (no valid credential in {@link #header}) or 403 (a role missing), a JSON
 * body and the request id, and writes the refusal to the audit trail.
 */
final class AccessFailures implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(AccessFailures.class);

    private final String header;
    private final String scheme;
    private final AuditTrail audit;
    private final ObjectMapper json;

    /**
     * @param header the header that carries the credential
     * @param scheme the scheme named in {@code WWW-Authenticate}
     */
    AccessFailures(String header, String scheme, AuditTrail audit, ObjectMapper json) {
        this.header = header;
        this.scheme = scheme;
        this.audit = audit;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        // Only the messages of our own providers are shown; Spring's others all mean the header was missing.
        String reason = failure instanceof BadCredentialsException ? failure.getMessage() : "no " + header + " header";
        record(new AuditEntry(null, AuditTrail.AUTHENTICATION_FAILED, target(request), AuditOutcome.DENIED, reason,
                RequestOrigin.of(request)));
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, scheme + " header=\"" + header + "\"");
        write(response, HttpStatus.UNAUTHORIZED, reason, request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        // Spring sends unauthenticated callers to commence: here the caller is always authenticated.
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        List<String> roles = caller.getAuthorities().stream()
                .map(authority -> authority.getAuthority().replaceFirst("^ROLE_", "").toLowerCase(Locale.ROOT))
                .sorted().toList();
        record(new AuditEntry(caller.getName(), AuditTrail.AUTHORIZATION_DENIED, target(request), AuditOutcome.DENIED,
                "roles " + roles, RequestOrigin.of(request)));
        write(response, HttpStatus.FORBIDDEN, "this client's roles do not allow " + target(request), request);
    }

    /** The method and path, without the query: a refused request's parameters are not kept. */
    static String target(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI();
    }

    private void record(AuditEntry entry) {
        try {
            audit.record(entry);
        } catch (RuntimeException e) {
            // The request is refused either way; a database outage must not turn refusals into errors.
            log.error("cannot write the audit row of a refused request {} ({}): {}", entry.target(),
                    entry.origin().requestId(), e.getMessage());
        }
    }

    private void write(HttpServletResponse response, HttpStatus status, String message, HttpServletRequest request)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        body.put("requestId", RequestOrigin.of(request).requestId());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
