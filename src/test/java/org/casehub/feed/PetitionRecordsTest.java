package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.BeijingTime;
import org.casehub.core.FeedRecord;
import org.junit.jupiter.api.Test;

class PetitionRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PetitionRecords records = new PetitionRecords(JSON);

    private static ExchangeRow row(byte[] xfnr, LocalDateTime sjc) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("XFJBH", "44202611140000000001");
        columns.put("XFXS", "3");
        columns.put("ZJHM", null);
        columns.put("RS", 6);
        columns.put("XFNR", xfnr);
        columns.put("DJSJ", LocalDateTime.parse("2026-11-14T09:13:00"));
        columns.put("SJC", sjc);
        return new ExchangeRow("44202611140000000001", sjc, columns);
    }

    private static JsonNode source(FeedRecord record) throws Exception {
        return JSON.readTree(new String(record.raw(), StandardCharsets.UTF_8));
    }

    @Test
    void aRowBecomesUtf8JsonKeyedByColumnWithItsTextDecodedFromGbk() throws Exception {
        FeedRecord record = records.toRecord(row(HexFormat.of().parseHex("b7bfd7d3"), LocalDateTime.parse("2026-11-14T09:13:00")),
                Instant.now());

        JsonNode source = source(record);
        assertThat(record.rejected()).isFalse();
        assertThat(source.path("XFNR").asText()).isEqualTo("房子");
        assertThat(source.path("RS").asInt()).isEqualTo(6);
        assertThat(source.path("SJC").asText()).isEqualTo("2026-11-14 09:13:00");
        assertThat(source.has("ZJHM")).isFalse();
        assertThat(record.position()).containsEntry("XFJBH", "44202611140000000001").containsEntry("SJC", "2026-11-14 09:13:00");
    }

    @Test
    void fractionsOfSjcAreKeptSoTheVersionMatchesTheDecoder() throws Exception {
        LocalDateTime sjc = LocalDateTime.parse("2026-11-14T09:13:00.250");
        FeedRecord record = records.toRecord(row(HexFormat.of().parseHex("b7bf"), sjc), Instant.now());

        assertThat(source(record).path("SJC").asText()).isEqualTo("2026-11-14 09:13:00.25");
        assertThat(BeijingTime.parse("2026-11-14 09:13:00.25").toEpochMilli()).isEqualTo(PetitionRecords.versionOf(sjc));
    }

    @Test
    void badGbkIsHandedOverRejectedWithItsIdentityAndOriginalBytes() throws Exception {
        byte[] bad = HexFormat.of().parseHex("b7bfd7d3ff");
        LocalDateTime sjc = LocalDateTime.parse("2026-11-14T09:13:00");

        FeedRecord record = records.toRecord(row(bad, sjc), Instant.now());

        assertThat(record.rejected()).isTrue();
        assertThat(record.rejection().stage()).isEqualTo("decode");
        assertThat(record.rejection().reasons()).singleElement().asString().contains("XFNR is not valid GBK");
        assertThat(record.idempotencyKey()).isEqualTo("provincial-petition:44202611140000000001:" + PetitionRecords.versionOf(sjc));
        JsonNode source = source(record);
        assertThat(source.has("XFNR")).isFalse();
        assertThat(Base64.getDecoder().decode(source.path("XFNR_GBK_BASE64").asText())).isEqualTo(bad);
        assertThat(new String(record.raw(), StandardCharsets.UTF_8)).doesNotContain("\uFFFD");
    }

    @Test
    void aRowWithoutSjcIsHandedOverRejectedAloneNamingTheMissingColumn() throws Exception {
        FeedRecord record = records.toRecord(row(HexFormat.of().parseHex("b7bf"), null), Instant.now());

        assertThat(record.rejected()).isTrue();
        assertThat(record.rejection().stage()).isEqualTo("identity");
        assertThat(record.rejection().reasons()).singleElement().asString().contains("SJC is NULL");
        assertThat(record.recordId()).isEqualTo("44202611140000000001");
        assertThat(record.sourceVersion()).isNull();
        assertThat(record.position()).containsEntry("XFJBH", "44202611140000000001").containsEntry("SJC", null);
        assertThat(source(record).path("XFNR").asText()).isEqualTo("房");
    }
}
