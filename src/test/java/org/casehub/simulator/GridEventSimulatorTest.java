package org.casehub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.casehub.core.FeedProperties;
import org.casehub.core.FeedProperties.Feed;
import org.casehub.core.FeedProperties.VersionFormat;
import org.casehub.core.FeedRecord;
import org.casehub.feed.RecordDecoder;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.mapping.CaseMapper;
import org.casehub.mapping.CaseValidator;
import org.casehub.mapping.CodeLists;
import org.casehub.mapping.JsonSchemas;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.NetworkProperties;
import org.casehub.security.IdNumbers;
import org.junit.jupiter.api.Test;

class GridEventSimulatorTest {

    private final ObjectMapper json = new ObjectMapper();
    private final CasehubHome home = new CasehubHome(new HomeProperties("."));
    private final DivisionDirectory divisions = new DivisionDirectory(home, new NetworkProperties("config/network/divisions-44.csv"));
    private final FeedProperties feeds = new FeedProperties(Map.of("public-safety",
            new Feed("grid", "kafka", "sz.pingan.grid-events", null, null, null, true, "/eventId", "/version",
                    VersionFormat.NUMBER, "4403")));

    @Test
    void everySimulatedEventPassesTheContractSchemaAndMapsToAValidCaseInShenzhen() {
        GridEventSimulator simulator = new GridEventSimulator(json, home, divisions);
        RecordDecoder decoder = new RecordDecoder(json, feeds);
        JsonSchemas schemas = new JsonSchemas(home);
        CaseValidator validator = new CaseValidator(schemas);
        CaseMapper mapper = new CaseMapper(home, new CodeLists(home, json), json);
        Set<String> keys = new HashSet<>();

        for (int i = 0; i < 300; i++) {
            Exchange exchange = new DefaultExchange(new DefaultCamelContext());
            simulator.next(exchange);
            FeedRecord record = new FeedRecord("public-safety",
                    exchange.getMessage().getBody(String.class).getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now());
            decoder.decode(record);
            validator.validateSource(record);
            mapper.map(record);

            assertThat(exchange.getMessage().getHeader(KafkaConstants.KEY)).isEqualTo(record.recordId());
            keys.add(record.idempotencyKey());
            String community = record.canonical().path("location").path("divisionCode").asText();
            assertThat(community).startsWith("4403").hasSize(12);
            assertThat(divisions.contains(community)).isTrue();
            record.source().path("parties").forEach(p -> assertThat(IdNumbers.isValid(p.path("idCard").asText())).isTrue());
        }
        assertThat(keys).as("re-sent versions are new versions, never the same key twice").hasSize(300);
    }
}
