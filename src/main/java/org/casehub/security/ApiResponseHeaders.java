package org.casehub.security;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * The headers the HTTP API answers with: only those its routes set for the client. Camel keeps a request's query
 * parameters and headers as message headers, and platform-http would send them back as response headers: a filter
 * on a name or a petition's wording would be echoed (and Tomcat drops, with a warning, a value it cannot encode).
 * Incoming headers are filtered as platform-http does by default.
 */
@Component("apiResponseHeaders")
public class ApiResponseHeaders extends HttpHeaderFilterStrategy {

    /** beside those platform-http answers with itself (status, content type and length) */
    private static final Set<String> ANSWERED = Set.of("location", "retry-after", "content-disposition", "etag");
    /** headers a route sets on purpose for its clients */
    private static final String ROUTES_OWN = "x-casehub-";

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        String header = name.toLowerCase(Locale.ROOT);
        return !(ANSWERED.contains(header) || header.startsWith(ROUTES_OWN)) || super.applyFilterToCamelHeaders(name, value, exchange);
    }
}
