package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.security.PiiCipher;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** 12345 work orders pushed to POST /ingest/livelihood, through real HTTP. */
class LivelihoodWebhookIT extends HubTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    WatermarkRepository watermarks;

    @Autowired
    PiiCipher cipher;

    private HubHttp http;
    private Map<String, String> secret;

    @BeforeEach
    void client() {
        http = new HubHttp(port);
        secret = webhookHeaders();
    }

    private static String newOrderNo() {
        return String.format("GD12345-20261121-%06d", 700_000 + SEQUENCE.incrementAndGet());
    }

    private static ObjectNode order(String orderNo) {
        return FakeWorkOrderPlatform.order(orderNo, "2026-11-21 10:15:00", "已派单");
    }

    @Test
    void aValidWorkOrderIsAnswered202OnlyOnceItsCaseIsStored() {
        String orderNo = newOrderNo();

        HttpResponse<String> response = http.post("/ingest/livelihood", secret, order(orderNo).toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(HubHttp.json(response).path("id").asText()).isEqualTo("livelihood:" + orderNo);
        // no waiting: the answer came after the index transaction committed
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id = ?",
                Integer.class, orderNo)).isEqualTo(1);
    }

    @Test
    void anInvalidWorkOrderIsAnswered400WithJsonPointerErrorsAndQuarantined() {
        String orderNo = newOrderNo();
        ObjectNode order = order(orderNo);
        order.put("matterType", "噪声");
        order.with("citizen").put("mobile", "1774763");

        HttpResponse<String> response = http.post("/ingest/livelihood", secret, order.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = HubHttp.json(response);
        assertThat(answer.path("stage").asText()).isEqualTo("source-schema");
        // a malformed mobile is flagged on the person, not a reason to refuse (PersonProtector)
        assertThat(answer.path("errors").toString()).contains("/matterType: ").doesNotContain("/citizen/mobile")
                .doesNotContain("1774763");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = 'livelihood' AND record_id = ?",
                Integer.class, orderNo)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id = ?",
                Integer.class, orderNo)).isZero();
    }

    @Test
    void aWorkOrderWithInvalidUtf8IsAnswered400ByTheStrictDecoderAndQuarantinedWithItsOriginalBytes() {
        String[] around = order(newOrderNo()).put("content", "夜间施工噪声BAD扰民").toString().split("BAD");
        byte[] sent = concat(around[0].getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28},
                around[1].getBytes(StandardCharsets.UTF_8));
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM quarantine", Long.class);

        HttpResponse<String> response = http.send("POST", "/ingest/livelihood", secret,
                HttpRequest.BodyPublishers.ofByteArray(sent));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode answer = HubHttp.json(response);
        assertThat(answer.path("stage").asText()).isEqualTo("decode");
        assertThat(answer.path("errors").toString()).contains("invalid UTF-8: 1 malformed byte(s)");
        // the decode failed before the record had an id: its row is found by its payload, the exact bytes sent
        assertThat(jdbc.queryForList("SELECT payload_sealed FROM quarantine WHERE feed = 'livelihood' AND stage = 'decode'"
                + " AND id > ?", byte[].class, before).stream().map(cipher::open).filter(p -> Arrays.equals(p, sent)))
                .hasSize(1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(all::writeBytes);
        return all.toByteArray();
    }

    @Test
    void aBodyAboveTheLimitIsAnswered413WhetherItDeclaresItsLengthOrNot() {
        String tooLarge = order(newOrderNo()).put("content", "噪".repeat(30_000)).toString();

        HttpResponse<String> declared = http.post("/ingest/livelihood", secret, tooLarge);
        HttpResponse<String> chunked = http.send("POST", "/ingest/livelihood", secret,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge.getBytes())));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(HubHttp.json(declared).path("message").asText()).contains("65536 bytes");
    }

    @Test
    void withoutTheSecretTheWebhookAnswers401AndStoresNothing() {
        String orderNo = newOrderNo();

        HttpResponse<String> response = http.post("/ingest/livelihood", Map.of("Content-Type", "application/json"),
                order(orderNo).toString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id = ?",
                Integer.class, orderNo)).isZero();
    }

    @Test
    void aPushedAndAPulledCopyOfOneVersionAreOneCase() {
        String orderNo = newOrderNo();
        ObjectNode pulled = LIVELIHOOD.put(orderNo, LIVELIHOOD.tick(false), "已派单");

        HttpResponse<String> pushed = http.post("/ingest/livelihood", secret, pulled.toString());

        assertThat(pushed.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> watermarks.load(LivelihoodPull.FEED)
                .map(Watermark::recordId).filter(orderNo::equals).isPresent());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'livelihood' AND record_id = ?",
                Integer.class, orderNo)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT outcome FROM processed_id WHERE idempotency_key LIKE ?", String.class,
                "livelihood:" + orderNo + ":%")).containsExactly("CREATED");
    }
}
