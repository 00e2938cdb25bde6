package org.casehub.security;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where a request came from, for the audit trail: its id (also sent back in the response header {@value #HEADER}, so
 * that a caller can quote it) and the remote address. A caller that sends its own {@value #HEADER} — a token of at
 * most 64 letters, digits and {@code . _ : -} — keeps it, so that a refused webhook push can be traced on both
 * sides; anything else is replaced by an id the hub makes, never echoed.
 *
 * @param requestId     the request's id, or {@code null} outside an HTTP request
 * @param remoteAddress the address of the peer (a proxy's, behind one), or {@code null}
 */
public record RequestOrigin(String requestId, String remoteAddress) {

    public static final String HEADER = "X-Request-Id";

    static final RequestOrigin NONE = new RequestOrigin(null, null);

    private static final String ATTRIBUTE = RequestOrigin.class.getName() + ".requestId";
    /** what a caller's own id may be: it is echoed in a header and stored in audit_log.request_id (64 characters) */
    private static final Pattern CALLERS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public static RequestOrigin of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return new RequestOrigin(id == null ? null : id.toString(), request.getRemoteAddr());
    }

    /** The id of the request being answered on this thread (once authenticated), or {@code null}. */
    public static String currentRequestId() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.getDetails() instanceof RequestOrigin origin ? origin.requestId() : null;
    }

    /** Gives every request its id before anything else sees it. */
    static final class Filter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String given = request.getHeader(HEADER);
            String id = given != null && CALLERS_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(HEADER, id);
            chain.doFilter(request, response);
        }
    }
}
