package org.casehub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.mapping.JsonSchemas;
import org.casehub.mapping.Samples;
import org.junit.jupiter.api.Test;

class LivelihoodSimulatorTest {

    private final LivelihoodSimulator platform = new LivelihoodSimulator(Samples.JSON, Samples.HOME, Samples.divisions());

    @Test
    void simulatedOrdersFollowTheContractAndMapToCases() {
        for (int i = 0; i < 60; i++) {
            platform.next();
        }
        List<JsonNode> items = new ArrayList<>();
        platform.page("1970-01-01 00:00:00", 0, 500).path("items").forEach(items::add);
        JsonSchemas schemas = new JsonSchemas(Samples.HOME);

        assertThat(items).isNotEmpty();
        for (JsonNode order : items) {
            assertThat(schemas.violations("feeds/livelihood.schema.json", order)).as(order.toString()).isEmpty();
            assertThat(order.path("districtName").asText()).endsWith("区");
            assertThat(order.path("streetName").asText()).isNotBlank();
            ObjectNode mapped = Samples.mapper().apply("livelihood", order);
            assertThat(mapped.path("category").asText()).isNotBlank();
        }
    }

    @Test
    void pagesAreOrderedByUpdateTimeThenOrderNoAndFilteredInclusively() {
        for (int i = 0; i < 12; i++) {
            platform.next();
        }
        ObjectNode first = platform.page("1970-01-01 00:00:00", 0, 5);
        ObjectNode second = platform.page("1970-01-01 00:00:00", 1, 5);
        List<String> keys = new ArrayList<>();
        first.path("items").forEach(o -> keys.add(o.path("updateTime").asText() + o.path("orderNo").asText()));
        second.path("items").forEach(o -> keys.add(o.path("updateTime").asText() + o.path("orderNo").asText()));

        assertThat(keys).isSorted().doesNotHaveDuplicates();
        assertThat(first.path("total").asInt()).isEqualTo(second.path("total").asInt()).isPositive();
        String last = first.path("items").get(4).path("updateTime").asText();
        assertThat(platform.page(last, 0, 500).path("items")).allSatisfy(o ->
                assertThat(o.path("updateTime").asText()).isGreaterThanOrEqualTo(last));
    }
}
