package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TimeZone;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.BeijingTime;
import org.casehub.core.FeedProperties;
import org.casehub.core.FeedProperties.Feed;
import org.casehub.core.FeedProperties.VersionFormat;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.mapping.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

class RecordDecoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Feed feed(String recordId, String version, VersionFormat format) {
        return new Feed("test feed", "kafka", "topic", "owner", "contact", Duration.ofHours(1), true,
                recordId, version, format, "4403");
    }

    private static RecordDecoder decoder(Feed feed) {
        return new RecordDecoder(JSON, new FeedProperties(Map.of("test", feed)));
    }

    private static FeedRecord record(byte[] raw) {
        return new FeedRecord("test", raw, Map.of(), Instant.now());
    }

    private static FeedRecord record(String raw) {
        return record(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static FeedRecord decoded(VersionFormat format, String version) {
        FeedRecord record = record("{\"id\": \"R1\", \"v\": \"" + version + "\"}");
        decoder(feed("/id", "/v", format)).decode(record);
        return record;
    }

    private static RecordRejectedException rejection(RecordDecoder decoder, FeedRecord record) {
        Throwable thrown = catchThrowable(() -> decoder.decode(record));
        assertThat(thrown).isInstanceOf(RecordRejectedException.class);
        return (RecordRejectedException) thrown;
    }

    @Test
    void sampleGridEventGetsItsIdentityAndIdempotencyKeyFromTheRegistrysPointers() {
        FeedRecord record = Samples.received(Samples.PUBLIC_SAFETY.get(0));

        new RecordDecoder(JSON, Samples.FEEDS).decode(record);

        assertThat(record.recordId()).isEqualTo("PA20261106000001");
        assertThat(record.sourceVersion()).isEqualTo(1L);
        assertThat(record.identity()).isEqualTo("public-safety:PA20261106000001");
        assertThat(record.idempotencyKey()).isEqualTo("public-safety:PA20261106000001:1");
        assertThat(record.source().path("title").asText()).isEqualTo("南山区粤海街道京光社区梅观路");
    }

    @Test
    void identityAndVersionMayBeNestedAnywhereThePointersSay() {
        FeedRecord record = record("{\"meta\": {\"ids\": [\"X-7\"], \"rev\": {\"n\": 42}}}");

        decoder(feed("/meta/ids/0", "/meta/rev/n", VersionFormat.NUMBER)).decode(record);

        assertThat(record.idempotencyKey()).isEqualTo("test:X-7:42");
    }

    @Test
    void chineseTextInUtf8IsKeptIntact() {
        FeedRecord record = record("{\"id\": \"R1\", \"v\": 1, \"t\": \"噪声扰民 𠀀\"}");

        decoder(feed("/id", "/v", VersionFormat.NUMBER)).decode(record);

        assertThat(record.source().path("t").asText()).isEqualTo("噪声扰民 𠀀");
    }

    @Test
    void malformedUtf8IsRejectedRatherThanReplacedWithU_FFFD() {
        byte[] raw = "{\"id\": \"R1\", \"v\": 1, \"t\": \"?\"}".getBytes(StandardCharsets.UTF_8);
        raw[indexOf(raw, (byte) '?')] = (byte) 0xC3; // a lead byte followed by a quote, not a continuation byte

        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)), record(raw));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.reasons()).singleElement().asString().startsWith("invalid UTF-8");
    }

    @Test
    void gbkEncodedRecordIsNotMistakenForUtf8() {
        byte[] gbk = "{\"id\": \"R1\", \"v\": 1, \"t\": \"噪声扰民\"}".getBytes(Charset.forName("GBK"));

        assertThat(rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)), record(gbk)).stage())
                .isEqualTo("decode");
    }

    @Test
    void multiByteCharacterCutOffAtTheEndIsRejected() {
        byte[] whole = "{\"id\": \"R1\", \"v\": 1} 中".getBytes(StandardCharsets.UTF_8);

        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)),
                record(Arrays.copyOf(whole, whole.length - 1)));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.getMessage()).contains("invalid UTF-8");
    }

    @Test
    void textThatIsNotJsonIsRejectedWithWhereItBroke() {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)),
                record("{\"id\": \"R1\",\n \"v\": }"));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.reasons()).singleElement().asString().startsWith("not JSON").contains("line 2");
    }

    @Test
    void notJsonReasonDoesNotEchoAPhoneNumberFromTheRecord() {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)),
                record("{\"id\": \"R1\", \"v\": 1, \"phone\": 张三13812341234}"));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.getMessage()).doesNotContain("13812341234");
    }

    @Test
    void contentAfterTheRecordsObjectIsRejected() {
        // Two records glued together must not silently lose the second one.
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)),
                record("{\"id\": \"R1\", \"v\": 1}{\"id\": \"R2\", \"v\": 1}"));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.getMessage()).contains("not JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"id\": \"R1\", \"v\": 1}]", "\"R1\"", "42", "null", "true"})
    void jsonThatIsNotAnObjectIsRejectedNamingWhatItIs(String raw) {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)), record(raw));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.reasons()).singleElement().asString().startsWith("not a JSON object: a JSON ");
    }

    @Test
    void emptyRecordOrKafkaTombstoneIsRejectedAsEmptyNotAsBadJson() {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)), record(new byte[0]));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.reasons()).containsExactly("empty record: no bytes (a Kafka tombstone, or an empty body)");
    }

    @Test
    void recordOfOnlyWhiteSpaceIsRejectedAsBlank() {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)), record(" \r\n\t "));

        assertThat(e.reasons()).containsExactly("blank record: only white space (5 bytes)");
    }

    @Test
    void duplicateKeyIsRejectedNamingTheKeyRatherThanTheLastValueWinning() {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)),
                record("{\"id\": \"R1\", \"v\": 1, \"id\": \"R2\"}"));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.reasons()).singleElement().asString().contains("duplicate key \"id\"");
    }

    @Test
    void duplicateKeyNestedInAnObjectIsRejectedToo() {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)),
                record("{\"id\": \"R1\", \"v\": 1, \"p\": {\"name\": \"a\", \"name\": \"b\"}}"));

        assertThat(e.reasons()).singleElement().asString().contains("duplicate key \"name\"");
    }

    @Test
    void nulCharacterInTextIsRejectedNamingTheField() {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)),
                record("{\"id\": \"R1\", \"v\": 1, \"p\": [{\"name\": \"张\\u0000三\"}]}"));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.reasons()).containsExactly("/p/0/name: contains a NUL character (U+0000) at character 2");
    }

    @Test
    void nulCharacterInAKeyIsRejectedToo() {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)),
                record("{\"id\": \"R1\", \"v\": 1, \"a\\u0000b\": 2}"));

        assertThat(e.reasons()).singleElement().asString().contains("NUL character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "ab\\udc00", "\\ud83d x", "\\udc00\\ud83d"})
    void loneSurrogateIsRejectedNamingTheFieldRatherThanStoredAsQuestionMark(String escaped) {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)),
                record("{\"id\": \"R1\", \"v\": 1, \"title\": \"" + escaped + "\"}"));

        assertThat(e.stage()).isEqualTo("decode");
        assertThat(e.reasons()).singleElement().asString().startsWith("/title: contains a lone surrogate (U+D");
    }

    @Test
    void surrogatePairWrittenAsEscapesIsKeptAsOneCharacter() {
        FeedRecord record = record("{\"id\": \"R1\", \"v\": 1, \"title\": \"\\ud842\\udfb7\"}");

        decoder(feed("/id", "/v", VersionFormat.NUMBER)).decode(record);

        assertThat(record.source().path("title").asText()).isEqualTo("𠮷");
    }

    @Test
    void recordBeyondTheConfiguredJsonLimitsIsRejectedAtTheDoor() {
        Jackson2ObjectMapperBuilder builder = new Jackson2ObjectMapperBuilder();
        new JsonLimitsConfiguration().jsonReadLimits(new JsonLimitsConfiguration.JsonLimits(3, 10, 1_000))
                .customize(builder);
        RecordDecoder decoder = new RecordDecoder(builder.build(),
                new FeedProperties(Map.of("test", feed("/id", "/v", VersionFormat.NUMBER))));

        assertThat(rejection(decoder, record("{\"id\": \"R1\", \"v\": 1, \"a\": {\"b\": {\"c\": {}}}}")).stage())
                .isEqualTo("decode");
        assertThat(rejection(decoder, record("{\"id\": \"R1\", \"v\": 1, \"a\": \"0123456789ABCDEF\"}")).stage())
                .isEqualTo("decode");
        assertThat(rejection(decoder, record("{\"id\": \"R1\", \"v\": 1, \"a\": \"" + "x".repeat(1_000) + "\"}"))
                .stage()).isEqualTo("decode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"v\": 1}", "{\"id\": null, \"v\": 1}", "{\"id\": \"  \", \"v\": 1}",
            "{\"id\": {\"x\": 1}, \"v\": 1}"})
    void recordWithoutItsIdIsRejectedNamingThePointer(String raw) {
        RecordRejectedException e = rejection(decoder(feed("/id", "/v", VersionFormat.NUMBER)), record(raw));

        assertThat(e.stage()).isEqualTo("identity");
        assertThat(e.reasons()).containsExactly("missing /id");
    }

    @Test
    void recordWithoutItsVersionIsRejectedNamingThePointer() {
        RecordRejectedException e = rejection(decoder(feed("/id", "/rev", VersionFormat.NUMBER)),
                record("{\"id\": \"R1\", \"v\": 1}"));

        assertThat(e.stage()).isEqualTo("identity");
        assertThat(e.reasons()).containsExactly("missing /rev");
    }

    @Test
    void numberVersionMayBeWrittenAsNumberOrDigits() {
        assertThat(decoded(VersionFormat.NUMBER, "1793930400000").sourceVersion()).isEqualTo(1_793_930_400_000L);

        FeedRecord record = record("{\"id\": \"R1\", \"v\": 7}");
        decoder(feed("/id", "/v", VersionFormat.NUMBER)).decode(record);
        assertThat(record.sourceVersion()).isEqualTo(7L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "seven", "2026-11-06T19:46:00+08:00", "99999999999999999999"})
    void versionThatIsNotAWholeNumberIsRejectedForANumberFeed(String version) {
        assertThatThrownBy(() -> decoded(VersionFormat.NUMBER, version))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.stage()).isEqualTo("identity");
                    assertThat(e.reasons()).containsExactly("version /v is not a number: " + version);
                });
    }

    @Test
    void instantVersionIsEpochMillisOfTheTimeWithItsOffset() {
        assertThat(decoded(VersionFormat.INSTANT, "2026-11-06T19:46:00.250+08:00").sourceVersion())
                .isEqualTo(Instant.parse("2026-11-06T11:46:00.250Z").toEpochMilli());
        assertThat(decoded(VersionFormat.INSTANT, "2026-11-06T11:46:00Z").sourceVersion())
                .isEqualTo(Instant.parse("2026-11-06T11:46:00Z").toEpochMilli());
    }

    @Test
    void instantVersionWithoutOffsetIsRejected() {
        assertThatThrownBy(() -> decoded(VersionFormat.INSTANT, "2026-11-06T19:46:00"))
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.reasons()).containsExactly("version /v is not a instant: 2026-11-06T19:46:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-06 19:46:00", "2026-11-06T19:46:00"})
    void beijingTimeVersionIsReadAtUtcPlusEight(String version) {
        assertThat(decoded(VersionFormat.BEIJING_TIME, version).sourceVersion())
                .isEqualTo(Instant.parse("2026-11-06T11:46:00Z").toEpochMilli());
    }

    @Test
    void beijingTimeKeepsMilliseconds() {
        assertThat(decoded(VersionFormat.BEIJING_TIME, "2026-11-06 19:46:00.123").sourceVersion())
                .isEqualTo(Instant.parse("2026-11-06T11:46:00.123Z").toEpochMilli());
    }

    @Test
    void beijingTimeIgnoresTheJvmDefaultZone() {
        TimeZone original = TimeZone.getDefault();
        try {
            // 2026-03-08 is the day New York moves its clocks: a zone-dependent conversion would be off by 12 or 13 h.
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));

            assertThat(BeijingTime.parse("2026-03-08 14:30:00")).isEqualTo(Instant.parse("2026-03-08T06:30:00Z"));
            assertThat(decoded(VersionFormat.BEIJING_TIME, "2026-11-06 19:46:00").sourceVersion())
                    .isEqualTo(Instant.parse("2026-11-06T11:46:00Z").toEpochMilli());
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-06 19:46:00+08:00", "2026-11-06", "2026/11/06 19:46:00", "2026-02-30 10:00:00",
            "2026-11-06 24:00:00", "2026-11-31 10:00:00", "2026-13-01 10:00:00"})
    void beijingTimeThatIsNotAValidLocalTimeIsRejected(String version) {
        // An impossible date must not be quietly moved to a real one: two versions would collide.
        assertThatThrownBy(() -> decoded(VersionFormat.BEIJING_TIME, version))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.stage()).isEqualTo("identity");
                    assertThat(e.reasons()).containsExactly("version /v is not a beijing_time: " + version);
                });
    }

    @Test
    void recordOfAFeedMissingFromTheRegistryIsRefusedNamingTheFeed() {
        FeedRecord record = new FeedRecord("nowhere", "{\"id\": \"R1\", \"v\": 1}".getBytes(StandardCharsets.UTF_8),
                Map.of(), Instant.now());

        assertThatThrownBy(() -> decoder(feed("/id", "/v", VersionFormat.NUMBER)).decode(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nowhere'");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + (char) b);
    }
}
