package org.casehub.security;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The error answers of the API routes (route configuration {@code api-errors}), shaped like those of a refused
 * request: status, error, message and request id. A server error shows no detail, only the request id under
 * which it is logged. A 403 is written to the audit trail like every other refusal (Spring Security's own refusals
 * are audited by AccessFailures): a client probing for what it may not read is what the trail is for.
 */
@Component("apiErrors")
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final AuditTrail audit;

    public ApiErrors(AuditTrail audit) {
        this.audit = audit;
    }

    /** An {@link IllegalArgumentException}: the request asked for something invalid, as its message says. */
    public Map<String, Object> badRequest(Exchange exchange) {
        return answer(exchange, HttpStatus.BAD_REQUEST, caught(exchange).getMessage());
    }

    /**
     * A request body the API cannot read as JSON — malformed, a key written twice, nested too deep, plain text where
     * JSON was due: 400 naming the problem in the words a feed's record gets ({@link JsonProblems}).
     */
    public Map<String, Object> badBody(Exchange exchange) {
        Exception caught = caught(exchange);
        JsonProcessingException json = caught instanceof JsonProcessingException j ? j
                : ObjectHelper.getException(JsonProcessingException.class, caught);
        String problem = json == null ? "not JSON: " + Masking.scrub(caught.getMessage()) : JsonProblems.describe(json);
        return answer(exchange, HttpStatus.BAD_REQUEST, "the body was refused: " + problem);
    }

    /** The thing asked for does not exist, as the exception's message says. */
    public Map<String, Object> notFound(Exchange exchange) {
        return answer(exchange, HttpStatus.NOT_FOUND, caught(exchange).getMessage());
    }

    /** The caller may not have what it asked for (e.g. personal data without the flag), as the message says: audited. */
    public Map<String, Object> forbidden(Exchange exchange) {
        String uri = String.valueOf(exchange.getMessage().getHeader(Exchange.HTTP_URI));
        String target = exchange.getMessage().getHeader(Exchange.HTTP_METHOD) + " "
                + (uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?')));
        String reason = caught(exchange).getMessage();
        audit.record(AuditEntry.of(Callers.current(), AuditTrail.AUTHORIZATION_DENIED, target, AuditOutcome.DENIED,
                reason));
        return answer(exchange, HttpStatus.FORBIDDEN, reason);
    }

    /** The thing asked for is not in a state that allows the request, as the exception's message says. */
    public Map<String, Object> conflict(Exchange exchange) {
        return answer(exchange, HttpStatus.CONFLICT, caught(exchange).getMessage());
    }

    public Map<String, Object> internalError(Exchange exchange) {
        Exception failure = caught(exchange);
        log.error("API request {} failed", requestId(), failure);
        return answer(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal error: quote the request id when reporting it");
    }

    private static Map<String, Object> answer(Exchange exchange, HttpStatus status, String message) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status.value());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        body.put("requestId", requestId());
        return body;
    }

    private static Exception caught(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    private static String requestId() {
        return RequestOrigin.currentRequestId();
    }
}
