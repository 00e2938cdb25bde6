package org.casehub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.feed.ExchangeRow;
import org.casehub.feed.PetitionExchangeRepository;
import org.casehub.feed.PetitionRecords;
import org.casehub.support.ExchangeSamples;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The contract's sample rows, read from an exchange table as the feed reads them, through every step before the index. */
class ProvincialPetitionMappingTest {

    private static SourcePipeline pipeline;
    private static Map<String, ExchangeRow> rows;
    private static final PetitionRecords RECORDS = new PetitionRecords(Samples.JSON);

    @BeforeAll
    static void load(@TempDir Path keys) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:petition-mapping;DB_CLOSE_DELAY=-1");
        JdbcTemplate exchange = new JdbcTemplate(h2);
        ExchangeSamples.load(exchange, false);
        rows = new PetitionExchangeRepository(exchange).newRows(100).stream()
                .collect(Collectors.toMap(ExchangeRow::xfjbh, r -> r));
        pipeline = new SourcePipeline(keys);
    }

    private static FeedRecord record(String xfjbh) {
        return RECORDS.toRecord(rows.get(xfjbh), Instant.now());
    }

    @Test
    void theSampleRowsAreTakenInSjcOrder() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:petition-mapping;DB_CLOSE_DELAY=-1");
        List<String> order = new PetitionExchangeRepository(new JdbcTemplate(h2)).newRows(100).stream()
                .map(ExchangeRow::xfjbh).toList();

        assertThat(order).containsExactly("44202611030000000004", "44202611140000000001", "44202611170000000003",
                "44202611180000000002");
    }

    @Test
    void everySampleRowBecomesAValidCaseWithItsGbkContentDecoded() {
        for (String xfjbh : rows.keySet()) {
            FeedRecord record = pipeline.run(record(xfjbh));
            assertThat(record.recordId()).isEqualTo(xfjbh);
            assertThat(record.canonical().path("description").asText()).doesNotContain("\uFFFD").endsWith("。");
        }
        ObjectNode housing = pipeline.run(record("44202611140000000001")).canonical();
        assertThat(housing.path("description").asText()).startsWith("房子买了迟迟拿不到,开发商华兴电子厂");
        assertThat(housing.path("channel").asText()).isEqualTo("online");
        assertThat(housing.path("category").asText()).isEqualTo("housing");
        assertThat(housing.path("sourceCategory").path("code").asText()).isEqualTo("3/0201");
        assertThat(housing.path("sourceCategory").path("name").asText()).isEqualTo("申诉求决·城乡建设/房屋");
        assertThat(housing.path("status").asText()).isEqualTo("received");
        assertThat(housing.path("reportedAt").asText()).isEqualTo("2026-11-14T09:13:00+08:00");
        // WTSDD 440309 (龙华区), refined by XXDZ 龙华区大浪街道下早社区… to 下早社区
        assertThat(housing.path("location").path("divisionCode").asText()).isEqualTo("440309004011");
        assertThat(housing.path("location").path("resolution").path("method").asText()).isEqualTo("address");
        assertThat(housing.path("location").path("resolution").path("level").asText()).isEqualTo("community");
        assertThat(housing.path("location").path("resolution").path("manualRouting").asBoolean()).isFalse();
        JsonNode petitioner = housing.path("persons").get(0);
        assertThat(petitioner.path("role").asText()).isEqualTo("petitioner");
        assertThat(petitioner.path("name").asText()).isEqualTo("钟*");
        assertThat(petitioner.path("idNumber").asText()).isEqualTo("440301********9652");
        assertThat(petitioner.path("phone").asText()).isEqualTo("157****9411");
    }

    @Test
    void theMappingSamplesAreTheContractRowsAsTheFeedHandsThemOn() throws Exception {
        // FeedReloads tries a changed mapping on mappings/samples/provincial-petition.jsonl: they must be real records
        List<String> samples = Files.readAllLines(Path.of("mappings/samples/provincial-petition.jsonl"));

        assertThat(samples).hasSize(rows.size());
        for (String sample : samples) {
            String xfjbh = Samples.tree(sample).path("XFJBH").asText();
            assertThat(Samples.tree(sample)).isEqualTo(Samples.tree(new String(record(xfjbh).raw(), StandardCharsets.UTF_8)));
            assertThat(pipeline.run(record(xfjbh)).rejected()).isFalse();
        }
    }

    @Test
    void theVersionIsSjcInBeijingTimeAsEpochMilliseconds() {
        FeedRecord record = pipeline.run(record("44202611140000000001"));

        assertThat(record.sourceVersion()).isEqualTo(OffsetDateTime.parse("2026-11-14T09:13:00+08:00").toInstant().toEpochMilli());
        assertThat(record.idempotencyKey()).isEqualTo("provincial-petition:44202611140000000001:" + record.sourceVersion());
    }

    @Test
    void eighteenPeopleMakeAGroupPetitionAtACommunity() {
        ObjectNode wages = pipeline.run(record("44202611180000000002")).canonical();

        assertThat(wages.path("group").asBoolean()).isTrue();
        assertThat(wages.path("channel").asText()).isEqualTo("letter");
        assertThat(wages.path("category").asText()).isEqualTo("labour");
        assertThat(wages.path("location").path("divisionCode").asText()).isEqualTo("440311001005");
        assertThat(wages.path("location").path("resolution").path("level").asText()).isEqualTo("community");
        assertThat(pipeline.run(record("44202611140000000001")).canonical().path("group").asBoolean()).isFalse();
    }

    @Test
    void aStreetCodeIsRefinedByTheAddressAndAMissingPhoneIsLeftOut() {
        ObjectNode street = pipeline.run(record("44202611030000000004")).canonical();
        ObjectNode noPhone = pipeline.run(record("44202611170000000003")).canonical();

        assertThat(street.path("location").path("divisionCode").asText()).isEqualTo("440303001011");
        assertThat(street.path("location").path("resolution").path("level").asText()).isEqualTo("community");
        assertThat(noPhone.path("persons").get(0).has("phone")).isFalse();
    }

    @Test
    void lawRelatedAndStatusComeFromTheirCodes() {
        ObjectNode source = (ObjectNode) Samples.tree(new String(record("44202611140000000001").raw(),
                StandardCharsets.UTF_8));
        source.put("SFSFSS", "1").put("BLZT", "04").put("NRFL", "0401");

        ObjectNode mapped = Samples.mapper().apply("provincial-petition", source);

        assertThat(mapped.path("lawRelated").asBoolean()).isTrue();
        assertThat(mapped.path("status").asText()).isEqualTo("answered");
        assertThat(mapped.path("category").asText()).isEqualTo("legal");
    }

    @Test
    void anUnknownStatusCodeIsRejectedNamingTheCode() {
        ObjectNode source = (ObjectNode) Samples.tree(new String(record("44202611140000000001").raw(),
                StandardCharsets.UTF_8));
        source.put("BLZT", "77");

        assertThatThrownBy(() -> Samples.mapper().apply("provincial-petition", source))
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("'77'").contains("provincial-petition.BLZT"));
    }
}
