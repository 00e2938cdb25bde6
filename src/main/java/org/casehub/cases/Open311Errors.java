package org.casehub.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Open311's errors (route configuration {@code open311-errors}): GeoReport v2's array of {@code code} and
 * {@code description}, with the HTTP status as the code.
 */
@Component("open311Errors")
public class Open311Errors {

    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    public List<Map<String, Object>> badRequest(Exchange exchange) {
        return answer(exchange, HttpStatus.BAD_REQUEST, caught(exchange).getMessage());
    }

    public List<Map<String, Object>> notFound(Exchange exchange) {
        return answer(exchange, HttpStatus.NOT_FOUND, caught(exchange).getMessage());
    }

    public List<Map<String, Object>> internalError(Exchange exchange) {
        log.error("Open311 request failed", caught(exchange));
        return answer(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    private static List<Map<String, Object>> answer(Exchange exchange, HttpStatus status, String description) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status.value());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status.value());
        error.put("description", description);
        return List.of(error);
    }

    private static Exception caught(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }
}
