package org.casehub.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.golden.GoldenRecord.Source;
import org.junit.jupiter.api.Test;

/** A case merged from three sources takes each field from the right one; split, each case gets its own back. */
class GoldenRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PETITION_FIRST = List.of("provincial-petition", "livelihood", "public-safety");

    private final GoldenRecord golden = new GoldenRecord(new GoldenProperties(new GoldenProperties.Trust(
            PETITION_FIRST, PETITION_FIRST, PETITION_FIRST,
            List.of("public-safety", "livelihood", "provincial-petition"),
            List.of("public-safety", "provincial-petition", "livelihood"),
            PETITION_FIRST, PETITION_FIRST, List.of(),
            List.of("livelihood", "provincial-petition", "public-safety"))));

    /** The grid event opened the case: first, but least trusted for most fields. */
    private final Source grid = source("public-safety", "PA1", 1, "2026-11-11T10:00:00Z", """
            {"title": "楼上漏水", "description": "网格员上报", "category": "neighbourhood", "sourceCategory": "MD-LL",
             "location": {"address": "翠竹路133号", "divisionCode": "440303003022"},
             "occurredAt": "2026-11-11T16:00:00+08:00", "reportedAt": "2026-11-11T18:00:00+08:00",
             "persons": [{"role": "reporter", "name": "肖*"}], "status": "received", "sourceStatus": "上报"}""");
    private final Source petition = source("provincial-petition", "XF1", 7, "2026-11-12T10:00:00Z", """
            {"title": "楼上住户漏水多次协商不成", "description": "信访人反映楼上漏水", "category": "housing",
             "sourceCategory": "0301", "location": {"address": "罗湖区翠竹路", "divisionCode": "440303"},
             "reportedAt": "2026-11-12T09:00:00+08:00",
             "persons": [{"role": "petitioner", "name": "马*", "idNumberHash": "aa"}], "status": "accepted",
             "sourceStatus": "已受理"}""");
    private final Source livelihood = source("livelihood", "GD1", 3, "2026-11-13T10:00:00Z", """
            {"title": "漏水", "category": "housing", "location": {"address": "翠竹路", "divisionCode": "440303003"},
             "persons": [{"role": "petitioner", "name": "马*", "phoneHash": "bb"}],
             "deadlines": {"expected": "2026-11-27T18:00:00+08:00"}, "status": "in-progress", "sourceStatus": "办理中"}""");

    @Test
    void aCaseMergedFromThreeSourcesTakesEachFieldFromItsMostTrustedSourceThatHasIt() {
        ObjectNode data = composed(List.of(grid, petition, livelihood));

        assertThat(data.path("title").asText()).isEqualTo("楼上住户漏水多次协商不成");
        assertThat(data.path("description").asText()).isEqualTo("信访人反映楼上漏水");
        assertThat(data.path("category").asText()).isEqualTo("housing");
        assertThat(data.path("sourceCategory").asText()).as("taken with its category").isEqualTo("0301");
        assertThat(data.path("location").path("divisionCode").asText()).isEqualTo("440303003022");
        assertThat(data.path("occurredAt").asText()).isEqualTo("2026-11-11T16:00:00+08:00");
        assertThat(data.path("reportedAt").asText()).isEqualTo("2026-11-12T09:00:00+08:00");
        assertThat(data.path("deadlines").path("expected").asText()).isEqualTo("2026-11-27T18:00:00+08:00");
        assertThat(data.path("status").asText()).as("the most recent record's").isEqualTo("in-progress");
        assertThat(data.path("sourceStatus").asText()).isEqualTo("办理中");
        assertThat(data.path("persons").findValuesAsText("name")).as("the petition's persons first, then the others'")
                .containsExactly("马*", "马*", "肖*");

        JsonNode provenance = data.path("provenance");
        assertThat(provenance.path("title").path("feed").asText()).isEqualTo("provincial-petition");
        assertThat(provenance.path("title").path("recordId").asText()).isEqualTo("XF1");
        assertThat(provenance.path("title").path("version").asLong()).isEqualTo(7);
        assertThat(provenance.path("place").path("feed").asText()).isEqualTo("public-safety");
        assertThat(provenance.path("occurredAt").path("feed").asText()).isEqualTo("public-safety");
        assertThat(provenance.path("deadline").path("feed").asText()).isEqualTo("livelihood");
        assertThat(provenance.path("status").path("recordId").asText()).isEqualTo("GD1");
        assertThat(provenance.path("persons").path("feed").asText()).isEqualTo("provincial-petition");
        assertThat(provenance.path("title").path("reason").asText())
                .contains("provincial-petition is the most trusted feed that has the title")
                .contains("provincial-petition > livelihood > public-safety");
        assertThat(provenance.path("occurredAt").path("reason").asText())
                .isEqualTo("public-safety is the most trusted feed that has the occurredAt"
                        + " (order of trust for occurredAt: public-safety > provincial-petition > livelihood)");
        assertThat(provenance.path("deadline").path("reason").asText())
                .contains("livelihood is the most trusted feed that has the deadline");
        assertThat(provenance.path("status").path("reason").asText())
                .isEqualTo("the most recently received record that has the status (no order of trust for status)");
    }

    @Test
    void aFieldOnlyALessTrustedSourceHasComesFromItAndSaysWhoLackedIt() {
        ObjectNode data = composed(List.of(petition, grid));

        assertThat(data.path("deadlines").isMissingNode()).isTrue();
        assertThat(data.path("provenance").has("deadline")).as("no source has it").isFalse();
        assertThat(data.path("provenance").path("occurredAt").path("feed").asText()).isEqualTo("public-safety");
        JsonNode description = data.path("provenance").path("description");
        assertThat(description.path("feed").asText()).isEqualTo("provincial-petition");
    }

    @Test
    void splitEachCaseGetsItsOwnFieldsBack() {
        composed(List.of(grid, petition, livelihood));

        ObjectNode left = composed(List.of(petition, livelihood));
        ObjectNode splitOut = composed(List.of(grid));

        assertThat(splitOut.path("title").asText()).isEqualTo("楼上漏水");
        assertThat(splitOut.path("category").asText()).isEqualTo("neighbourhood");
        assertThat(splitOut.path("status").asText()).isEqualTo("received");
        assertThat(splitOut.path("persons").findValuesAsText("name")).containsExactly("肖*");
        assertThat(splitOut.path("provenance").findValuesAsText("feed")).containsOnly("public-safety");
        assertThat(left.path("location").path("divisionCode").asText()).as("the place now from 12345")
                .isEqualTo("440303003");
        assertThat(left.path("provenance").path("place").path("feed").asText()).isEqualTo("livelihood");
        assertThat(left.path("occurredAt").isMissingNode()).as("only the grid event had it").isTrue();
        assertThat(left.path("provenance").findValuesAsText("feed")).doesNotContain("public-safety");
    }

    @Test
    void thePlaceOfTheCaseIsTheGoldenOne() {
        assertThat(golden.place(List.of(petition, grid, livelihood))).hasValueSatisfying(
                canonical -> assertThat(canonical.path("location").path("divisionCode").asText()).isEqualTo("440303003022"));
        assertThat(golden.place(List.of())).isEmpty();
    }

    /** The case as composed: the first source's content (the record that opened it), then the golden record. */
    private ObjectNode composed(List<Source> sources) {
        ObjectNode data = sources.get(0).canonical().deepCopy();
        golden.apply(data, sources);
        return data;
    }

    private static Source source(String feed, String recordId, long version, String receivedAt, String canonical) {
        try {
            return new Source(feed, recordId, version, Instant.parse(receivedAt), JSON.readTree(canonical));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
