package org.casehub.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.casehub.security.AuditEntry;
import org.casehub.security.AuditOutcome;
import org.casehub.security.AuditTrail;
import org.casehub.security.Callers;
import org.casehub.security.RequestOrigin;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The case API's own refusals (route configuration {@code case-api-errors}), in the shape of the hub's other
 * error answers (status, error, message, requestId): 404 for a case outside the scope, 403 for personal data
 * the client may not read — written to the audit trail like every other 403 (Spring Security's own refusals are
 * audited by AccessFailures): a client probing for personal data it may not read is what the trail is for.
 */
@Component("caseApiErrors")
public class CaseApiErrors {

    private final AuditTrail audit;

    public CaseApiErrors(AuditTrail audit) {
        this.audit = audit;
    }

    public Map<String, Object> notFound(Exchange exchange) {
        return answer(exchange, HttpStatus.NOT_FOUND);
    }

    public Map<String, Object> forbidden(Exchange exchange) {
        String uri = String.valueOf(exchange.getMessage().getHeader(Exchange.HTTP_URI));
        String target = exchange.getMessage().getHeader(Exchange.HTTP_METHOD) + " "
                + (uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?')));
        audit.record(AuditEntry.of(Callers.current(), AuditTrail.AUTHORIZATION_DENIED, target, AuditOutcome.DENIED,
                "personal data asked without the personal-data flag"));
        return answer(exchange, HttpStatus.FORBIDDEN);
    }

    private static Map<String, Object> answer(Exchange exchange, HttpStatus status) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status.value());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage());
        body.put("requestId", RequestOrigin.currentRequestId());
        return body;
    }
}
