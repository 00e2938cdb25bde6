package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.casehub.cluster.LeaderLeases;
import org.casehub.core.FeedRecord;
import org.casehub.support.ExchangeSamples;
import org.casehub.support.HubTestSupport;
import org.casehub.support.PetitionRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/** The provincial-petition feed on the embedded exchange database: rows → cases → CLBZ flags. */
class ProvincialPetitionFeedIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ROUTE = "feed-provincial-petition";

    @Autowired
    @Qualifier(ExchangeDatabaseConfiguration.JDBC)
    JdbcTemplate exchange;

    @Autowired
    PetitionExchangeFeed feed;

    @Autowired
    CamelContext camel;

    @Autowired
    LeaderLeases leases;

    @Autowired
    ProducerTemplate producer;

    private static String newXfjbh() {
        return PetitionRows.newXfjbh();
    }

    @Test
    void theContractsSampleRowsBecomeCasesAndAreMarkedTaken() {
        ExchangeSamples.inserts(false).forEach(exchange::execute);
        List<String> ids = List.of("44202611140000000001", "44202611180000000002", "44202611170000000003", "44202611030000000004");

        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> "1".equals(clbz(id))));

        for (String id : ids) {
            assertThat(caseRow(id)).isNotNull();
        }
        Map<String, Object> group = caseRow("44202611180000000002");
        assertThat(group.get("group_case")).isEqualTo(true);
        assertThat(group.get("division_code")).isEqualTo("440311001005");
        assertThat((String) group.get("case_json")).contains("反映汇通财富管理有限公司欠薪问题").contains("\"channel\":\"letter\"");
        assertThat(caseRow("44202611140000000001").get("group_case")).isEqualTo(false);
    }

    @Test
    void aGroupOfFiveAndALawRelatedRowSetTheirFlags() {
        String id = newXfjbh();
        insert(id, "0401", 5, "1", gbk("不服法院判决,要求再审。"), LocalDateTime.parse("2026-11-20T10:00:00"));

        await().atMost(PATIENCE).until(() -> "1".equals(clbz(id)));

        Map<String, Object> row = caseRow(id);
        assertThat(row.get("group_case")).isEqualTo(true);
        assertThat(row.get("law_related")).isEqualTo(true);
        assertThat(row.get("category")).isEqualTo("legal");
    }

    @Test
    void badGbkIsQuarantinedAndTheRowFlaggedFailedWithItsReason() {
        String id = newXfjbh();
        insert(id, "0101", 1, "0", new byte[] {(byte) 0xb7, (byte) 0xbf, (byte) 0xff, 0x41}, LocalDateTime.parse("2026-11-20T11:00:00"));

        await().atMost(PATIENCE).until(() -> "2".equals(clbz(id)));

        String clsm = exchange.queryForObject("SELECT CLSM FROM XF_JBXX_EXCHANGE WHERE XFJBH = ?", String.class, id);
        assertThat(clsm).startsWith("decode: XFNR is not valid GBK").contains("byte offset 2");
        Map<String, Object> quarantined = jdbc.queryForMap(
                "SELECT stage, source_version, position FROM quarantine WHERE feed = 'provincial-petition' AND record_id = ?", id);
        assertThat(quarantined.get("stage")).isEqualTo("decode");
        assertThat(((Number) quarantined.get("source_version")).longValue())
                .isEqualTo(PetitionRecords.versionOf(LocalDateTime.parse("2026-11-20T11:00:00")));
        assertThat((String) quarantined.get("position")).contains(id);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'provincial-petition' AND record_id = ?",
                Integer.class, id)).isZero();
    }

    @Test
    void aRowWithNullSjcIsFlaggedFailedAloneWhileTheRestOfItsBatchIsTaken() {
        // the contract says NOT NULL; a careless provincial system wrote one anyway
        exchange.execute("ALTER TABLE XF_JBXX_EXCHANGE ALTER COLUMN SJC DROP NOT NULL");
        List<String> good = List.of(newXfjbh(), newXfjbh(), newXfjbh());
        String bad = newXfjbh();
        for (int i = 0; i < good.size(); i++) {
            insert(good.get(i), "0101", 1, "0", gbk("老板拖欠工资三个月。"), LocalDateTime.parse("2026-11-20T12:00:0" + i));
        }
        insert(bad, "0101", 1, "0", gbk("老板拖欠工资三个月。"), LocalDateTime.parse("2026-11-20T12:00:05"));
        exchange.update("UPDATE XF_JBXX_EXCHANGE SET SJC = NULL WHERE XFJBH = ?", bad);

        await().atMost(PATIENCE).until(() -> "2".equals(clbz(bad)) && good.stream().allMatch(id -> "1".equals(clbz(id))));

        assertThat(exchange.queryForObject("SELECT CLSM FROM XF_JBXX_EXCHANGE WHERE XFJBH = ?", String.class, bad))
                .isEqualTo("identity: SJC is NULL: the row has no version to be stored under");
        Map<String, Object> quarantined = jdbc.queryForMap(
                "SELECT stage, source_version FROM quarantine WHERE feed = 'provincial-petition' AND record_id = ?", bad);
        assertThat(quarantined.get("stage")).isEqualTo("identity");
        assertThat(quarantined.get("source_version")).isNull();
        good.forEach(id -> assertThat(caseRow(id)).isNotNull());
    }

    @Test
    void rowsAreMarkedOnlyAfterTheStoreAndARowReSentMeanwhileStaysNewAndLaterUpdatesTheCase() throws Exception {
        String id = newXfjbh();
        LocalDateTime first = LocalDateTime.parse("2026-11-21T09:00:00");
        LocalDateTime resent = LocalDateTime.parse("2026-11-21T09:30:00");
        camel.getRouteController().stopRoute(ROUTE);
        try {
            insert(id, "0101", 1, "0", gbk("老板拖欠工资三个月。"), first);
            Exchange batch = new DefaultExchange(camel);
            List<FeedRecord> taken = feed.take(batch);
            assertThat(taken).extracting(FeedRecord::raw).isNotEmpty();
            assertThat(clbz(id)).as("taking flags nothing").isEqualTo("0");

            // the provincial system re-sends the petition while casehub is storing it
            exchange.update("UPDATE XF_JBXX_EXCHANGE SET SJC = ?, BLZT = '02', CLBZ = '0' WHERE XFJBH = ?", resent, id);
            producer.send("direct:normalize-and-store", e -> e.getMessage().setBody(taken));
            assertThat(caseRow(id).get("status")).isEqualTo("received");
            assertThat(clbz(id)).as("stored but not yet marked").isEqualTo("0");

            feed.markTaken(batch);
            assertThat(clbz(id)).as("the re-sent row stays new").isEqualTo("0");
        } finally {
            camel.getRouteController().startRoute(ROUTE);
        }

        await().atMost(PATIENCE).until(() -> "1".equals(clbz(id)));
        Map<String, Object> updated = caseRow(id);
        assertThat(updated.get("status")).isEqualTo("accepted");
        assertThat(updated.get("revision")).isEqualTo(2);
    }

    @Test
    void readingARowAgainWhoseStoreCommittedChangesNothing() throws Exception {
        String id = newXfjbh();
        insert(id, "0201", 1, "0", gbk("小区电梯长期停运。"), LocalDateTime.parse("2026-11-22T09:00:00"));
        await().atMost(PATIENCE).until(() -> "1".equals(clbz(id)));

        // as after a crash between the index commit and the flag update
        exchange.update("UPDATE XF_JBXX_EXCHANGE SET CLBZ = '0' WHERE XFJBH = ?", id);

        await().atMost(PATIENCE).until(() -> "1".equals(clbz(id)));
        assertThat(caseRow(id).get("revision")).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT outcome FROM processed_id WHERE idempotency_key LIKE ?", String.class,
                "provincial-petition:" + id + ":%")).containsExactly("CREATED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE record_id = ?", Integer.class, id)).isZero();
    }

    @Test
    void theExchangeTableIsPolledOnlyWhileThisInstanceHoldsThePollersLease() {
        await().atMost(PATIENCE).until(() -> leases.holds(PetitionExchangeFeed.LEASE));
        // another hub instance takes the lease (as after this one stalled past it)
        jdbc.update("UPDATE leader_lease SET holder = 'another-instance', expires_at = CURRENT_TIMESTAMP + INTERVAL '600' SECOND"
                + " WHERE name = ?", PetitionExchangeFeed.LEASE);
        String id = newXfjbh();
        try {
            await().atMost(PATIENCE).until(() -> !leases.holds(PetitionExchangeFeed.LEASE));
            insert(id, "0101", 1, "0", gbk("工地欠薪。"), LocalDateTime.parse("2026-11-23T10:00:00"));

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> "0".equals(clbz(id)));
        } finally {
            // the other instance stops and gives the lease back
            jdbc.update("DELETE FROM leader_lease WHERE name = ? AND holder = 'another-instance'", PetitionExchangeFeed.LEASE);
        }
        await().atMost(PATIENCE).until(() -> "1".equals(clbz(id)));
        assertThat(leases.holds(PetitionExchangeFeed.LEASE)).isTrue();
    }

    private static byte[] gbk(String text) {
        return PetitionRows.gbk(text);
    }

    private void insert(String id, String nrfl, int people, String lawRelated, byte[] xfnr, LocalDateTime sjc) {
        PetitionRows.insert(exchange, id, "440303001", "罗湖区桂园街道", nrfl, people, lawRelated, xfnr, sjc);
    }

    private String clbz(String id) {
        return PetitionRows.clbz(exchange, id);
    }

    private Map<String, Object> caseRow(String id) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT c.* FROM hub_case c JOIN source_record s ON s.case_id = c.case_id"
                + " WHERE s.feed = 'provincial-petition' AND s.record_id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
