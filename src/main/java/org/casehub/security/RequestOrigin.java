package org.casehub.security;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where a request came from, for the audit trail: the id the hub gave it (also sent back in the response
 * header {@value #HEADER}, so that a caller can quote it) and the remote address.
 *
 * @param requestId     the request's id, or {@code null} outside an HTTP request
 * @param remoteAddress the address of the peer (a proxy's, behind one), or {@code null}
 */
public record RequestOrigin(String requestId, String remoteAddress) {

    public static final String HEADER = "X-Request-Id";

    static final RequestOrigin NONE = new RequestOrigin(null, null);

    private static final String ATTRIBUTE = RequestOrigin.class.getName() + ".requestId";

    public static RequestOrigin of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return new RequestOrigin(id == null ? null : id.toString(), request.getRemoteAddr());
    }

    /** Gives every request its id before anything else sees it. */
    static final class Filter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String id = UUID.randomUUID().toString();
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(HEADER, id);
            chain.doFilter(request, response);
        }
    }
}
