package org.casehub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.casehub.core.FeedRecord;
import org.casehub.feed.ExchangeRow;
import org.casehub.feed.PetitionExchangeRepository;
import org.casehub.feed.PetitionRecords;
import org.casehub.mapping.Samples;
import org.casehub.support.ExchangeSamples;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

class PetitionSimulatorTest {

    @Test
    void simulatedRowsCarryGbkContentAndMapToCases() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:petition-simulator;DB_CLOSE_DELAY=-1");
        JdbcTemplate table = new JdbcTemplate(h2);
        ExchangeSamples.createTable(table);
        PetitionSimulator simulator = new PetitionSimulator(
                new StaticListableBeanFactory(Map.of("exchangeJdbc", table)).getBeanProvider(JdbcTemplate.class),
                Samples.JSON, Samples.HOME, Samples.divisions());

        for (int i = 0; i < 40; i++) {
            simulator.next();
        }

        List<ExchangeRow> rows = new PetitionExchangeRepository(table).newRows(100);
        assertThat(rows).isNotEmpty();
        PetitionRecords records = new PetitionRecords(Samples.JSON);
        for (ExchangeRow row : rows) {
            FeedRecord record = records.toRecord(row, Instant.now());
            assertThat(record.rejected()).isFalse();
            assertThat(Samples.mapper().apply("provincial-petition", Samples.tree(new String(record.raw(),
                    StandardCharsets.UTF_8))).path("description").asText()).isNotBlank();
        }
    }
}
