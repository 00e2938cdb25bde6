package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.support.FakeWorkOrderPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

class LivelihoodClientTest {

    private final FakeWorkOrderPlatform platform = FakeWorkOrderPlatform.start();

    /** The hub's mapper: a record's string values at most 1,000,000 characters, a record at most 4 MB. */
    private static ObjectMapper hubMapper() {
        ObjectMapper json = new ObjectMapper();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(1_000_000).maxDocumentLength(4_000_000).maxNestingDepth(64).build());
        return json;
    }

    private final LivelihoodClient client = new LivelihoodClient(new LivelihoodProperties(platform.baseUrl(),
            FakeWorkOrderPlatform.API_KEY, 10, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30),
            "1970-01-01 00:00:00", new LivelihoodProperties.Backoff(Duration.ofSeconds(1), 2, Duration.ofMinutes(5),
            Duration.ofMinutes(15)), Duration.ofSeconds(1)), hubMapper(), new StandardEnvironment());

    @AfterEach
    void stop() {
        platform.stop();
    }

    @Test
    void aFiveMegabyteOrderLeavesItsPageReadableAndKeepsItsOwnOriginalBytes() throws Exception {
        platform.put("GD12345-20261120-000001", "2026-11-20 08:00:01", "已派单");
        platform.put("GD12345-20261120-000002", "2026-11-20 08:00:02", "已派单").put("content", "噪".repeat(5_000_000 / 3));
        platform.put("GD12345-20261120-000003", "2026-11-20 08:00:03", "已派单");

        WorkOrderPage page = client.fetch(platform.baseUrl(), "2026-11-20 08:00:00", 0, 10);

        assertThat(page.items()).hasSize(3);
        assertThat(page.items()).extracting(i -> i.order().path("orderNo").asText())
                .containsExactly("GD12345-20261120-000001", "GD12345-20261120-000002", "GD12345-20261120-000003");
        WorkOrderPage.Item oversized = page.items().get(1);
        assertThat(oversized.raw().length).isGreaterThan(5_000_000);
        assertThat(new ObjectMapper().readTree(oversized.raw())).isEqualTo(oversized.order());
        for (WorkOrderPage.Item item : java.util.List.of(page.items().get(0), page.items().get(2))) {
            assertThat(hubMapper().readTree(item.raw())).isEqualTo(item.order());
        }
    }
}
