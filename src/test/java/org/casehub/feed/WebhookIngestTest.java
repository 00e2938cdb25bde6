package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WebhookIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebhookIngest webhook = new WebhookIngest(JSON,
            new IngestProperties(DataSize.ofKilobytes(64), DataSize.ofMegabytes(4), Duration.ofSeconds(30)));

    private Exchange posted(String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    @Test
    void aStoredRecordIsAnswered202WithItsIdentity() throws Exception {
        Exchange exchange = posted("{\"orderNo\":\"GD12345-20261121-000001\"}");
        List<FeedRecord> records = webhook.record(exchange, "livelihood");
        records.get(0).identified("GD12345-20261121-000001", 1_763_691_300_000L);

        JsonNode answer = JSON.readTree(webhook.answer(exchange));

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(answer.path("id").asText()).isEqualTo("livelihood:GD12345-20261121-000001");
        assertThat(records.get(0).position()).containsEntry("webhook", "/ingest/livelihood");
    }

    @Test
    void aRefusedRecordIsAnswered400WithItsStageAndErrors() throws Exception {
        Exchange exchange = posted("{}");
        webhook.record(exchange, "livelihood").get(0)
                .reject(new RecordRejectedException("source-schema", List.of("/orderNo: required property 'orderNo' not found")));

        JsonNode answer = JSON.readTree(webhook.answer(exchange));

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(answer.path("stage").asText()).isEqualTo("source-schema");
        assertThat(answer.path("errors").get(0).asText()).startsWith("/orderNo: ");
    }

    @Test
    void aPushTheIndexCouldNotStoreIsAnswered503WithRetryAfterAndNothingClaimedStored() throws Exception {
        Exchange exchange = posted("{\"orderNo\":\"GD12345-20261121-000002\"}");
        webhook.record(exchange, "livelihood");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("connection refused"));

        JsonNode answer = JSON.readTree(webhook.unavailable(exchange));

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(exchange.getMessage().getHeader("Retry-After")).isEqualTo("30");
        assertThat(answer.path("message").asText()).contains("send it again");
        assertThat(answer.has("id")).isFalse();
        assertThat(answer.has("requestId")).isTrue();
    }
}
