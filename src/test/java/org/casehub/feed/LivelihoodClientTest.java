package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import org.casehub.support.FakeWorkOrderPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

class LivelihoodClientTest {

    private static final ObjectMapper PLATFORM = new ObjectMapper();

    private final FakeWorkOrderPlatform platform = FakeWorkOrderPlatform.start();

    /** The hub's mapper: a key written twice refused, a record's string values at most 1,000,000 characters, a record at most 4 MB. */
    private static ObjectMapper hubMapper() {
        ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(1_000_000).maxDocumentLength(4_000_000).maxNestingDepth(64).build());
        return json;
    }

    private LivelihoodClient client(DataSize maxPageBytes, int maxRecordBytes) {
        return new LivelihoodClient(new LivelihoodProperties(platform.baseUrl(), FakeWorkOrderPlatform.API_KEY, 10,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30), "1970-01-01 00:00:00",
                new LivelihoodProperties.Backoff(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), Duration.ofMinutes(15)),
                Duration.ofSeconds(1), maxPageBytes), hubMapper(), new RecordLimits.Limits(500, 20_000, maxRecordBytes),
                new StandardEnvironment());
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    @Test
    void aFiveMegabyteOrderKeepsOnlyItsFirstBytesAndItsPlaceWhileItsNeighboursKeepTheirOwnWhole() throws Exception {
        platform.put("GD12345-20261120-000001", "2026-11-20 08:00:01", "已派单");
        platform.put("GD12345-20261120-000002", "2026-11-20 08:00:02", "已派单").put("content", "噪".repeat(5_000_000 / 3));
        platform.put("GD12345-20261120-000003", "2026-11-20 08:00:03", "已派单");

        WorkOrderPage page = client(DataSize.ofMegabytes(32), 1_048_576).fetch(platform.baseUrl(), "2026-11-20 08:00:00", 0, 10);

        assertThat(page.items()).hasSize(3);
        assertThat(page.items()).extracting(i -> i.order().path("orderNo").asText())
                .containsExactly("GD12345-20261120-000001", "GD12345-20261120-000002", "GD12345-20261120-000003");
        WorkOrderPage.Item oversized = page.items().get(1);
        assertThat(oversized.truncated()).isTrue();
        assertThat(oversized.raw()).hasSize(1_048_576);
        assertThat(oversized.bytes()).isGreaterThan(5_000_000);
        assertThat(oversized.order().path("updateTime").asText()).isEqualTo("2026-11-20 08:00:02");
        assertThat(oversized.tooLarge().reasons()).singleElement().asString()
                .contains("casehub.limits.max-record-bytes (1048576)");
        for (WorkOrderPage.Item item : List.of(page.items().get(0), page.items().get(2))) {
            assertThat(item.truncated()).isFalse();
            assertThat(hubMapper().readTree(item.raw())).isEqualTo(item.order());
        }
    }

    @Test
    void ordersOnEitherSideOfTheRecordLimitEachKeepTheirOwnBytesOrTheirFirstOnes() throws Exception {
        int limit = 3_000;
        int[] contentLengths = {100, 2_000, 200_000, 2_200, 3_000, 70_000, 10};
        byte[][] sent = new byte[contentLengths.length][];
        for (int i = 0; i < contentLengths.length; i++) {
            ObjectNode order = platform.put(String.format("GD12345-20261120-%06d", i + 1),
                    String.format("2026-11-20 08:00:%02d", i + 1), "已派单").put("content", "x".repeat(contentLengths[i]));
            sent[i] = PLATFORM.writeValueAsBytes(order);
        }

        WorkOrderPage page = client(DataSize.ofMegabytes(32), limit).fetch(platform.baseUrl(), "2026-11-20 08:00:00", 0, 10);

        assertThat(page.items()).hasSize(contentLengths.length);
        for (int i = 0; i < contentLengths.length; i++) {
            WorkOrderPage.Item item = page.items().get(i);
            assertThat(item.bytes()).as("order %d", i).isEqualTo(sent[i].length);
            assertThat(item.raw()).as("order %d", i).isEqualTo(Arrays.copyOf(sent[i], Math.min(sent[i].length, limit)));
            assertThat(item.truncated()).as("order %d", i).isEqualTo(sent[i].length > limit);
            assertThat(item.order().path("orderNo").asText()).as("order %d", i)
                    .isEqualTo(String.format("GD12345-20261120-%06d", i + 1));
        }
    }

    @Test
    void anOrderWritingAKeyTwiceOrNestedPastTheHubsLimitIsReadAloneWithItsBytesAsSentNotFailingItsPage() throws Exception {
        String twice = "{\"orderNo\": \"GD12345-20261120-000002\", \"orderNo\": \"GD12345-20261120-000009\","
                + " \"updateTime\": \"2026-11-20 08:00:02\"}";
        // 200 levels: past the hub's 64, within Jackson's 1000; 5,000: past both, once failing its whole page
        String deep = "{\"orderNo\": \"GD12345-20261120-000003\", \"updateTime\": \"2026-11-20 08:00:03\", \"x\": "
                + "[".repeat(200) + "]".repeat(200) + "}";
        String deeper = "{\"orderNo\": \"GD12345-20261120-000004\", \"updateTime\": \"2026-11-20 08:00:04\", \"x\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}";
        String page = "{\"total\": 4, \"page\": 0, \"size\": 10, \"items\": [{\"orderNo\": \"GD12345-20261120-000001\","
                + " \"updateTime\": \"2026-11-20 08:00:01\"}, " + twice + ",\n " + deep + ", " + deeper + "]}";
        HttpServer chunked = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        chunked.createContext("/api/v1/workorders", exchange -> {
            exchange.sendResponseHeaders(200, 0); // no Content-Length: the page's length is known only once read
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page.getBytes(StandardCharsets.UTF_8));
            }
        });
        chunked.start();
        try {
            String base = "http://localhost:" + chunked.getAddress().getPort();

            WorkOrderPage read = client(DataSize.ofMegabytes(32), 1_048_576).fetch(base, "2026-11-20 08:00:00", 0, 10);

            assertThat(read.items()).hasSize(4);
            assertThat(new String(read.items().get(1).raw(), StandardCharsets.UTF_8)).isEqualTo(twice);
            assertThat(new String(read.items().get(2).raw(), StandardCharsets.UTF_8)).isEqualTo(deep);
            assertThat(read.items().get(2).order().path("orderNo").asText()).isEqualTo("GD12345-20261120-000003");
            assertThat(new String(read.items().get(3).raw(), StandardCharsets.UTF_8)).isEqualTo(deeper);
            assertThat(read.items().get(3).order().path("orderNo").asText()).isEqualTo("GD12345-20261120-000004");
            assertThat(read.items().get(3).order().path("updateTime").asText()).isEqualTo("2026-11-20 08:00:04");
        } finally {
            chunked.stop(0);
        }
    }

    @Test
    void aPageLargerThanItsCapIsRefusedAsTooLargeNamingTheCap() {
        for (int i = 1; i <= 10; i++) {
            platform.put(String.format("GD12345-20261120-%06d", i), String.format("2026-11-20 08:00:%02d", i), "已派单");
        }

        assertThatThrownBy(() -> client(DataSize.ofKilobytes(4), 1_048_576).fetch(platform.baseUrl(), "2026-11-20 08:00:00", 0, 10))
                .isInstanceOfSatisfying(LivelihoodApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LivelihoodApiException.Kind.TOO_LARGE);
                    assertThat(e.getMessage()).contains("casehub.livelihood.max-page-bytes (4096 bytes)");
                });
    }
}
