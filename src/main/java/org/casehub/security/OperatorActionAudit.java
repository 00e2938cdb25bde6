package org.casehub.security;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes every operator action to the audit trail once it has been answered: the requests of
 * {@link AccessConfiguration#operatorActions()} that authorization let through, with their final HTTP status.
 * Camel's routes answer asynchronously, so for them the row is written when the async request completes.
 */
final class OperatorActionAudit extends OncePerRequestFilter {

    private final RequestMatcher operatorActions;
    private final AuditTrail audit;

    OperatorActionAudit(RequestMatcher operatorActions, AuditTrail audit) {
        this.operatorActions = operatorActions;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !operatorActions.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String target = target(request);
        RequestOrigin origin = RequestOrigin.of(request);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            record(caller, target, origin, AuditOutcome.FAILED, e.getClass().getSimpleName());
            throw e;
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    record(caller, target, origin, response.getStatus());
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    // onComplete follows, with the status of the timeout
                }

                @Override
                public void onError(AsyncEvent event) {
                    // onComplete follows, with the status of the error
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    // Spring MVC does not restart async processing of a request
                }
            });
        } else {
            record(caller, target, origin, response.getStatus());
        }
    }

    private void record(Authentication caller, String target, RequestOrigin origin, int status) {
        record(caller, target, origin, status < 400 ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, "HTTP " + status);
    }

    private void record(Authentication caller, String target, RequestOrigin origin, AuditOutcome outcome, String detail) {
        audit.record(new AuditEntry(caller.getName(), AuditTrail.OPERATOR_REQUEST, target,
                outcome, detail, origin));
    }

    /** The method, path and query; ID numbers and phones in the query are masked. */
    private static String target(HttpServletRequest request) {
        String query = request.getQueryString();
        return AccessFailures.target(request) + (query == null ? "" : "?" + Masking.scrub(query));
    }
}
