package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.FeedRecord;
import org.casehub.support.ExchangeSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The exchange table read over JDBC from a front end whose table is not quite the contract's (RS as text), on a real
 * H2 database: the value the driver cannot read as the contract's integer fails its own row, never the poll.
 */
class PetitionExchangeRepositoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate front = new JdbcTemplate(new DriverManagerDataSource(
            "jdbc:h2:mem:xf-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    private final PetitionExchangeRepository rows = new PetitionExchangeRepository(front);

    @BeforeEach
    void frontEndWithRsAsText() {
        ExchangeSamples.createTable(front);
        front.execute("ALTER TABLE XF_JBXX_EXCHANGE ALTER COLUMN RS SET DATA TYPE VARCHAR(10)");
    }

    @AfterEach
    void dropIt() {
        front.execute("DROP ALL OBJECTS");
    }

    @Test
    void aValueTheDriverCannotReadFailsItsRowAloneWithTheTextItGaveAndTheRestOfTheBatchIsRead() throws Exception {
        insert(front, "44202612050000000001", "2", LocalDateTime.parse("2026-12-05T09:00:00"));
        insert(front, "44202612050000000002", "三", LocalDateTime.parse("2026-12-05T09:01:00"));
        insert(front, "44202612050000000003", "1", LocalDateTime.parse("2026-12-05T09:02:00"));

        List<ExchangeRow> read = rows.newRows(10);

        assertThat(read).extracting(ExchangeRow::xfjbh)
                .containsExactly("44202612050000000001", "44202612050000000002", "44202612050000000003");
        assertThat(read.get(0).unreadable()).isEmpty();
        assertThat(read.get(0).columns()).containsEntry("RS", 2);
        ExchangeRow bad = read.get(1);
        assertThat(bad.unreadable()).containsOnlyKeys("RS");
        assertThat(bad.sjc()).isEqualTo(LocalDateTime.parse("2026-12-05T09:01:00"));

        FeedRecord record = new PetitionRecords(JSON).toRecord(bad, Instant.now());
        assertThat(record.rejected()).isTrue();
        assertThat(record.rejection().stage()).isEqualTo("read");
        assertThat(record.rejection().reasons()).singleElement().asString().startsWith("RS cannot be read");
        JsonNode source = JSON.readTree(new String(record.raw(), StandardCharsets.UTF_8));
        assertThat(source.path("RS").asText()).as("the text the driver gave").isEqualTo("三");
        assertThat(source.path("XFNR").asText()).isEqualTo("公司拖欠工资两个月。");
        assertThat(record.sourceVersion()).isEqualTo(PetitionRecords.versionOf(bad.sjc()));

        assertThat(rows.markFailed(bad, "read: RS cannot be read")).isTrue();
        assertThat(front.queryForMap("SELECT CLBZ, CLSM FROM XF_JBXX_EXCHANGE WHERE XFJBH = ?", bad.xfjbh()))
                .containsEntry("CLBZ", "2").containsEntry("CLSM", "read: RS cannot be read");
        assertThat(rows.newRows(10)).extracting(ExchangeRow::xfjbh)
                .containsExactly("44202612050000000001", "44202612050000000003");
    }

    /** A new row whose RS is written as text, as a front end with RS varchar holds it. */
    static void insert(JdbcTemplate front, String xfjbh, String rs, LocalDateTime sjc) {
        front.update("INSERT INTO XF_JBXX_EXCHANGE (XFJBH, XFXS, XFMD, XFRXM, ZJHM, LXDH, RS, WTSDD, XXDZ, NRFL, BT, XFNR,"
                        + " SFSFSS, DJSJ, BLZT, SJC, CLBZ) VALUES (?, '1', '1', '黄志强', NULL, NULL, ?,"
                        + " '440303001', '罗湖区桂园街道', '0101', '工资拖欠', ?, '0', ?, '01', ?, '0')",
                xfjbh, rs, "公司拖欠工资两个月。".getBytes(Charset.forName("GBK")), sjc, sjc);
    }
}
