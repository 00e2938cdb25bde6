package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

class ApiErrorsTest {

    private final ApiErrors errors = new ApiErrors(null); // only forbidden() audits, and HostileRequestsIT proves it
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anInvalidRequestIs400WithTheReasonAndTheRequestId() {
        SecurityContextHolder.getContext().setAuthentication(new ClientAuthentication(
                new Client("ops", "ops", Set.of(Role.OPERATOR), TestNetwork.SCOPES.resolve("4403"), false),
                new RequestOrigin("request-1", "192.0.2.1")));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalArgumentException("size must be 1 to 500"));

        Map<String, Object> body = errors.badRequest(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(body).containsExactly(Map.entry("status", 400), Map.entry("error", "Bad Request"),
                Map.entry("message", "size must be 1 to 500"), Map.entry("requestId", "request-1"));
    }

    @Test
    void aBodyNamingAKeyTwiceIs400NamingTheKeyAsAFeedsRecordWouldBe() {
        ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            strict.readTree("{\"reason\": \"a\", \"reason\": \"b\"}");
        } catch (JsonProcessingException e) {
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RuntimeCamelException(e));
        }

        Map<String, Object> body = errors.badBody(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(body.get("message")).isEqualTo(
                "the body was refused: duplicate key \"reason\" (each key may appear once in an object)");
    }

    @Test
    void aFailureIs500WithoutItsDetail() {
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("table hub_case is broken"));

        Map<String, Object> body = errors.internalError(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
        assertThat(body.get("status")).isEqualTo(500);
        assertThat(body.toString()).doesNotContain("hub_case");
    }
}
