package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.casehub.cluster.LeaderLeases;
import org.casehub.core.FeedRecord;
import org.casehub.support.ExchangeSamples;
import org.casehub.support.HubTestSupport;
import org.casehub.support.PetitionRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The provincial-petition feed on a PostgreSQL exchange table, as the 前置机 has it in production: the feed's
 * own take → pipeline → mark cycle (the route's three steps) against XF_JBXX_EXCHANGE in a schema of its own,
 * created and dropped here so that concurrent runs never meet. Runs where CASEHUB_TEST_PG_URL names a database
 * (the owner role creates the schema); skipped elsewhere, except with CI=true, where a missing database fails.
 */
class PetitionPostgresExchangeIT extends HubTestSupport {

    private static String url;
    private static String user;
    private static String password;
    private static String schema;
    private static JdbcTemplate pg;

    @Autowired
    PetitionRecords records;

    @Autowired
    ExchangeProperties properties;

    @Autowired
    CamelContext camel;

    @Autowired
    LeaderLeases leases;

    @Autowired
    ProducerTemplate producer;

    @BeforeAll
    static void exchangeTable() throws SQLException {
        url = System.getenv("CASEHUB_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI needs CASEHUB_TEST_PG_URL for the PostgreSQL exchange table");
            }
            Assumptions.abort("no PostgreSQL named (CASEHUB_TEST_PG_URL): the exchange table runs on H2 only");
        }
        user = envOr("CASEHUB_TEST_PG_OWNER_USER", System.getenv("CASEHUB_TEST_PG_USER"));
        password = envOr("CASEHUB_TEST_PG_OWNER_PASSWORD", System.getenv("CASEHUB_TEST_PG_PASSWORD"));
        schema = "xf_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        pg = new JdbcTemplate(new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                user, password));
        ExchangeSamples.createTable(pg);
    }

    @AfterAll
    static void dropExchangeTable() throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void theContractsSampleRowsWithTheirGbkBytesBecomeCasesAndAreMarkedTaken() {
        ExchangeSamples.inserts(true).forEach(pg::execute);

        drain();

        assertThat(pg.queryForList("SELECT CLBZ FROM XF_JBXX_EXCHANGE WHERE XFJBH LIKE '442026%'", String.class))
                .hasSize(4).containsOnly("1");
        assertThat(caseJson("44202611180000000002")).contains("反映汇通财富管理有限公司欠薪问题:5个月工资12800元未结清");
    }

    @Test
    void invalidGbkBytesAreQuarantinedAndTheRowGetsClbz2WithTheReason() {
        String id = PetitionRows.newXfjbh();
        LocalDateTime sjc = LocalDateTime.parse("2026-11-24T11:00:00");
        PetitionRows.insert(pg, id, "440303001", "罗湖区桂园街道", "0101", 1, "0",
                new byte[] {(byte) 0xb7, (byte) 0xbf, (byte) 0xff, 0x41}, sjc);

        drain();

        assertThat(PetitionRows.clbz(pg, id)).isEqualTo("2");
        assertThat(pg.queryForObject("SELECT CLSM FROM XF_JBXX_EXCHANGE WHERE XFJBH = ?", String.class, id))
                .startsWith("decode: XFNR is not valid GBK").contains("byte offset 2");
        Map<String, Object> quarantined = jdbc.queryForMap("SELECT stage, source_version FROM quarantine"
                + " WHERE feed = 'provincial-petition' AND record_id = ?", id);
        assertThat(quarantined.get("stage")).isEqualTo("decode");
        assertThat(((Number) quarantined.get("source_version")).longValue()).isEqualTo(PetitionRecords.versionOf(sjc));
    }

    @Test
    void aRowGoesFromNewToTakenAndARowReSentWhileBeingStoredStaysNewThenUpdatesTheCase() {
        String id = PetitionRows.newXfjbh();
        PetitionRows.insert(pg, id, "440303001", "罗湖区桂园街道", LocalDateTime.parse("2026-11-24T09:00:00"));
        PetitionExchangeFeed feed = feed();
        Exchange batch = new DefaultExchange(camel);
        List<FeedRecord> taken = feed.take(batch);
        assertThat(taken).extracting(FeedRecord::raw).hasSize(1);
        assertThat(PetitionRows.clbz(pg, id)).as("taking flags nothing").isEqualTo("0");

        // the provincial system re-sends the petition while casehub stores it
        pg.update("UPDATE XF_JBXX_EXCHANGE SET SJC = ?, BLZT = '02', CLBZ = '0' WHERE XFJBH = ?",
                LocalDateTime.parse("2026-11-24T09:30:00"), id);
        producer.send("direct:normalize-and-store", e -> e.getMessage().setBody(taken));
        feed.markTaken(batch);
        assertThat(PetitionRows.clbz(pg, id)).as("the re-sent row stays new").isEqualTo("0");

        drain();

        assertThat(PetitionRows.clbz(pg, id)).isEqualTo("1");
        assertThat(jdbc.queryForMap("SELECT c.status, c.revision FROM hub_case c JOIN source_record s ON s.case_id = c.case_id"
                + " WHERE s.feed = 'provincial-petition' AND s.record_id = ?", id))
                .containsEntry("status", "accepted").containsEntry("revision", 2);
    }

    @Test
    void aColumnOfAnotherTypeThanTheContractsFailsEachRowAloneQuarantinedAndFlaggedInsteadOfFailingEveryPoll()
            throws SQLException {
        // a front end whose table is not quite the contract's: RS as text, which PostgreSQL's driver does not read as
        // the contract's integer, whatever the value (on H2 only a value that is no number fails: see
        // PetitionExchangeRepositoryTest)
        String typed = schema + "_rs";
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + typed);
        }
        try {
            JdbcTemplate front = new JdbcTemplate(new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?")
                    + "currentSchema=" + typed, user, password));
            ExchangeSamples.createTable(front);
            front.execute("ALTER TABLE XF_JBXX_EXCHANGE ALTER COLUMN RS TYPE varchar(10)");
            String first = PetitionRows.newXfjbh();
            String second = PetitionRows.newXfjbh();
            LocalDateTime sjc = LocalDateTime.parse("2026-12-05T09:01:00");
            PetitionExchangeRepositoryTest.insert(front, first, "2", sjc.minusMinutes(1));
            PetitionExchangeRepositoryTest.insert(front, second, "三", sjc);

            drain(front);

            for (String id : List.of(first, second)) {
                assertThat(PetitionRows.clbz(front, id)).isEqualTo("2");
                assertThat(front.queryForObject("SELECT CLSM FROM XF_JBXX_EXCHANGE WHERE XFJBH = ?", String.class, id))
                        .startsWith("read: RS cannot be read");
                Map<String, Object> quarantined = jdbc.queryForMap("SELECT stage, reasons FROM quarantine"
                        + " WHERE feed = 'provincial-petition' AND record_id = ?", id);
                assertThat(quarantined.get("stage")).isEqualTo("read");
                assertThat((String) quarantined.get("reasons")).contains("RS cannot be read");
            }
            assertThat(jdbc.queryForObject("SELECT source_version FROM quarantine WHERE feed = 'provincial-petition'"
                    + " AND record_id = ?", Long.class, second)).isEqualTo(PetitionRecords.versionOf(sjc));
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + typed + " CASCADE");
            }
        }
    }

    /** The feed on the PostgreSQL table, as its route runs it: take, store, mark, until no new row is left. */
    private void drain() {
        drain(pg);
    }

    private void drain(JdbcTemplate exchangeTable) {
        PetitionExchangeFeed feed = feed(exchangeTable);
        for (int round = 0; round < 100; round++) {
            Exchange batch = new DefaultExchange(camel);
            List<FeedRecord> taken = feed.take(batch);
            if (taken.isEmpty()) {
                return;
            }
            producer.send("direct:normalize-and-store", e -> e.getMessage().setBody(taken));
            feed.markTaken(batch);
        }
        throw new AssertionError("the exchange table never ran out of new rows");
    }

    private PetitionExchangeFeed feed() {
        return feed(pg);
    }

    private PetitionExchangeFeed feed(JdbcTemplate exchangeTable) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("pg",
                new PetitionExchangeRepository(exchangeTable)));
        return new PetitionExchangeFeed(beans.getBeanProvider(PetitionExchangeRepository.class), records, properties, new SourceHealth(), leases);
    }

    private String caseJson(String xfjbh) {
        return jdbc.queryForObject("SELECT c.case_json FROM hub_case c JOIN source_record s ON s.case_id = c.case_id"
                + " WHERE s.feed = 'provincial-petition' AND s.record_id = ?", String.class, xfjbh);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
