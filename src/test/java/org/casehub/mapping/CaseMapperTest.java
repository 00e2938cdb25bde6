package org.casehub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.feed.RecordDecoder;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaseMapperTest {

    private final CaseMapper mapper = Samples.mapper();

    private static JsonNode sample(int index) {
        return Samples.tree(Samples.PUBLIC_SAFETY.get(index));
    }

    private ObjectNode mapped(JsonNode source) {
        return mapper.apply(Samples.FEED, source);
    }

    private static ObjectNode with(JsonNode source, String field, Object value) {
        ObjectNode copy = source.deepCopy();
        copy.set(field, Samples.JSON.valueToTree(value));
        return copy;
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(0, "PA20261106000001", "noise", "HJ-ZS", "噪声扰民", "440305007012",
                        "[{\"role\": \"reporter\", \"name\": \"许涵国\"}]"),
                Arguments.of(1, "PA20261106000002", "noise", "HJ-ZS", "噪声扰民", "440305007012",
                        "[{\"role\": \"reporter\", \"name\": \"秦斌勇\"}]"),
                Arguments.of(2, "PA20261111000003", "neighbour", "MD-LL", "邻里纠纷", "440303003022",
                        "[{\"role\": \"party\", \"name\": \"马斌\", \"idNumber\": \"44030419940328607X\","
                                + " \"phone\": \"17633355261\"}, {\"role\": \"reporter\", \"name\": \"肖军艳\"}]"),
                Arguments.of(3, "PA20261121000004", "noise", "HJ-ZS", "噪声扰民", "440306019005",
                        "[{\"role\": \"reporter\", \"name\": \"尹建建\"}]"),
                Arguments.of(4, "PA20261115000005", "finance", "MD-JR", "金融风险", "440311006002",
                        "[{\"role\": \"party\", \"name\": \"黎洋国\", \"phone\": \"17764053143\"},"
                                + " {\"role\": \"reporter\", \"name\": \"袁强芳\"}]"),
                Arguments.of(5, "PA20261106000006", "labour", "MD-LZ", "劳资纠纷", "440303001011",
                        "[{\"role\": \"party\", \"name\": \"冯红兰\", \"phone\": \"13981724257\"},"
                                + " {\"role\": \"reporter\", \"name\": \"蒋丽\"}]"));
    }

    @ParameterizedTest(name = "sample {1}")
    @MethodSource("samples")
    void everySampleGridEventMapsToItsCanonicalCase(int index, String eventId, String category, String typeCode,
            String typeName, String divisionCode, String persons) {
        JsonNode source = sample(index);
        assertThat(source.path("eventId").asText()).isEqualTo(eventId);

        ObjectNode mapped = mapped(source);

        assertThat(mapped.path("channel").asText()).isEqualTo("grid");
        assertThat(mapped.path("category").asText()).isEqualTo(category);
        assertThat(mapped.path("sourceCategory")).isEqualTo(Samples.tree(
                "{\"code\": \"" + typeCode + "\", \"name\": \"" + typeName + "\"}"));
        assertThat(mapped.path("status").asText()).isEqualTo("received");
        assertThat(mapped.path("sourceStatus").asText()).isEqualTo("上报");
        assertThat(mapped.at("/location/divisionCode").asText()).isEqualTo(divisionCode);
        assertThat(mapped.at("/location/gridCode").asText()).isEqualTo(source.path("gridCode").asText());
        assertThat(mapped.at("/location/address").asText()).isEqualTo(source.at("/location/address").asText());
        assertThat(mapped.path("persons")).isEqualTo(Samples.tree(persons));
        assertThat(mapped.path("title").asText()).isEqualTo(source.path("title").asText());
        assertThat(mapped.path("description").asText()).isEqualTo(source.path("content").asText());
        assertThat(mapped.path("reportedAt").asText()).isEqualTo(source.path("reportTime").asText());
        assertThat(mapped.path("severity").asInt()).isEqualTo(source.path("severity").asInt());
        assertThat(mapped.path("lawRelated").asBoolean(true)).isFalse();
        assertThat(mapped.path("group").asBoolean(true)).isFalse();
    }

    @Test
    void mapSetsTheRecordsCanonicalCase() {
        FeedRecord record = Samples.received(Samples.PUBLIC_SAFETY.get(2));
        new RecordDecoder(Samples.JSON, Samples.FEEDS).decode(record);

        mapper.map(record);

        assertThat(record.canonical()).isEqualTo(mapped(sample(2)));
    }

    @Test
    void gridStatusesMapToUnifiedStatuses() {
        assertThat(mapped(with(sample(0), "status", "受理")).path("status").asText()).isEqualTo("accepted");
        assertThat(mapped(with(sample(0), "status", "处置中")).path("status").asText()).isEqualTo("in-progress");
        assertThat(mapped(with(sample(0), "status", "已办结")).path("status").asText()).isEqualTo("closed");
    }

    @Test
    void eventWithoutStatusIsReceived() {
        ObjectNode source = sample(0).deepCopy();
        source.remove("status");

        ObjectNode mapped = mapped(source);

        assertThat(mapped.path("status").asText()).isEqualTo("received");
        assertThat(mapped.has("sourceStatus")).isFalse();
    }

    @Test
    void anUnknownEventTypeOfAKnownClassTakesTheClasssCategoryAndSaysSo() {
        ObjectNode mapped = mapped(with(sample(0), "eventType", "HJ-GC"));

        assertThat(mapped.path("category").asText()).isEqualTo("environment");
        assertThat(mapped.path("sourceCategory").path("code").asText()).isEqualTo("HJ-GC");
        assertThat(mapped.path("unmappedCodes").toString())
                .isEqualTo("[{\"list\":\"public-safety.eventType\",\"code\":\"HJ-GC\",\"usedInstead\":\"HJ\"}]");
    }

    @Test
    void anUnknownEventTypeOfAnUnknownClassIsOther() {
        ObjectNode mapped = mapped(with(sample(0), "eventType", "ZZ-99"));

        assertThat(mapped.path("category").asText()).isEqualTo("other");
        assertThat(mapped.path("unmappedCodes").get(0).path("usedInstead").asText()).isEqualTo("QT");
    }

    @Test
    void aKnownEventTypeLeavesNoUnmappedCodes() {
        assertThat(mapped(sample(0)).has("unmappedCodes")).isFalse();
    }

    @Test
    void unknownStatusIsRejectedAtTheCodeListNamingTheCode() {
        assertThatThrownBy(() -> mapped(with(sample(0), "status", "挂起")))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.stage()).isEqualTo("code-list");
                    assertThat(e.getMessage()).contains("'挂起'").contains("public-safety.status");
                });
    }

    @Test
    void eventWithoutEventTypeIsFiledAsOtherAndSaysSo() {
        ObjectNode source = sample(0).deepCopy();
        source.remove("eventType");

        ObjectNode mapped = mapped(source);

        assertThat(mapped.path("category").asText()).isEqualTo("other");
        assertThat(mapped.path("unmappedCodes").get(0).path("code").asText()).isEmpty();
    }

    @Test
    void fiveOrMorePartiesMakeAGroupCase() {
        List<Object> parties = IntStream.range(0, 5).<Object>mapToObj(i -> java.util.Map.of("name", "当事人" + i)).toList();

        ObjectNode five = mapped(with(sample(0), "parties", parties));
        ObjectNode four = mapped(with(sample(0), "parties", parties.subList(0, 4)));

        assertThat(five.path("group").asBoolean()).isTrue();
        assertThat(five.path("persons")).hasSize(6);
        assertThat(four.path("group").asBoolean()).isFalse();
    }

    @Test
    void anonymousEventWithoutReporterHasNoPersons() {
        ObjectNode source = sample(0).deepCopy();
        source.remove("reporter");

        assertThat(mapped(source).path("persons")).isEmpty();
    }

    @Test
    void beijingTimeFunctionWritesRfc3339AtPlusEightWithSeconds(@TempDir Path home) throws IOException {
        CaseMapper mapper = mapperOf(home, "{\"at\": $beijingTime(t)}");

        assertThat(mapper.apply("t", Samples.tree("{\"t\": \"2026-11-06 19:46:00\"}")).path("at").asText())
                .isEqualTo("2026-11-06T19:46:00+08:00");
        assertThat(mapper.apply("t", Samples.tree("{\"t\": \"2026-11-06T19:46:05.5\"}")).path("at").asText())
                .isEqualTo("2026-11-06T19:46:05.5+08:00");
    }

    @Test
    void beijingTimeFunctionIgnoresTheJvmDefaultZone(@TempDir Path home) throws IOException {
        CaseMapper mapper = mapperOf(home, "{\"at\": $beijingTime(t)}");
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));

            String at = mapper.apply("t", Samples.tree("{\"t\": \"2026-03-08 14:30:00\"}")).path("at").asText();

            assertThat(at).isEqualTo("2026-03-08T14:30:00+08:00");
            assertThat(OffsetDateTime.parse(at).toInstant()).hasToString("2026-03-08T06:30:00Z");
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void beijingTimeFunctionOfAnImpossibleTimeRejectsTheRecordAtMapping(@TempDir Path home) throws IOException {
        CaseMapper mapper = mapperOf(home, "{\"at\": $beijingTime(t)}");

        assertThatThrownBy(() -> mapper.apply("t", Samples.tree("{\"t\": \"2026-11-06 25:00:00\"}")))
                .isInstanceOfSatisfying(RecordRejectedException.class,
                        e -> assertThat(e.stage()).isEqualTo("mapping"));
    }

    @Test
    void mappingThatYieldsNoObjectIsRejectedNamingTheFeed(@TempDir Path home) throws IOException {
        CaseMapper mapper = mapperOf(home, "nothing.here");

        assertThatThrownBy(() -> mapper.apply("t", Samples.tree("{\"t\": 1}")))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.stage()).isEqualTo("mapping");
                    assertThat(e.reasons()).containsExactly("the mapping of feed t did not produce an object");
                });
    }

    @Test
    void editedMappingTakesEffectAfterReload(@TempDir Path home) throws IOException {
        CaseMapper mapper = mapperOf(home, "{\"v\": 1}");
        assertThat(mapper.apply("t", Samples.tree("{}")).path("v").asInt()).isEqualTo(1);

        Files.writeString(home.resolve("mappings/t.jsonata"), "{\"v\": 2}");
        assertThat(mapper.apply("t", Samples.tree("{}")).path("v").asInt()).as("compiled once").isEqualTo(1);

        mapper.reload();
        assertThat(mapper.apply("t", Samples.tree("{}")).path("v").asInt()).isEqualTo(2);
    }

    @Test
    void oneMapperMapsFromManyThreadsAtOnce() {
        List<ObjectNode> expected = IntStream.range(0, Samples.PUBLIC_SAFETY.size()).mapToObj(i -> mapped(sample(i)))
                .toList();

        assertThat(IntStream.range(0, 1_200).parallel()
                .allMatch(i -> expected.get(i % expected.size()).equals(mapped(sample(i % expected.size())))))
                .isTrue();
    }

    private static CaseMapper mapperOf(Path home, String expression) throws IOException {
        Files.createDirectories(home.resolve("mappings"));
        Files.writeString(home.resolve("mappings/t.jsonata"), expression);
        CasehubHome casehubHome = new CasehubHome(new HomeProperties(home.toString()));
        return new CaseMapper(casehubHome, new CodeLists(casehubHome, Samples.JSON), Samples.JSON);
    }

    @Test
    void anInstalledExpressionReplacesTheFeedsMappingUntilReload() {
        CaseMapper own = Samples.mapper();
        own.install(Samples.FEED, own.compile("{\"title\": \"已替换\"}"));

        assertThat(own.apply(Samples.FEED, sample(0)).path("title").asText()).isEqualTo("已替换");
        own.reload();
        assertThat(own.apply(Samples.FEED, sample(0)).path("title").asText()).isNotEqualTo("已替换");
    }

    @Test
    void aMappingThatDoesNotCompileThrowsNamingThePlace() {
        assertThatThrownBy(() -> mapper.compile("{\"title\": ((title}")).hasMessageContaining(")");
    }
}
