package org.casehub.index;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.casehub.security.RequestOrigin;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The case API's own refusals (route configuration {@code case-api-errors}), in the shape of the hub's other
 * error answers (status, error, message, requestId): 404 for a case outside the scope, 403 for personal data
 * the client may not read.
 */
@Component("caseApiErrors")
public class CaseApiErrors {

    public Map<String, Object> notFound(Exchange exchange) {
        return answer(exchange, HttpStatus.NOT_FOUND);
    }

    public Map<String, Object> forbidden(Exchange exchange) {
        return answer(exchange, HttpStatus.FORBIDDEN);
    }

    private static Map<String, Object> answer(Exchange exchange, HttpStatus status) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status.value());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage());
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        body.put("requestId", caller != null && caller.getDetails() instanceof RequestOrigin origin ? origin.requestId() : null);
        return body;
    }
}
