package org.casehub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.feed.RecordDecoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseValidatorTest {

    private static PersonProtector protector;

    private final CaseValidator validator = new CaseValidator(new JsonSchemas(Samples.HOME));

    @BeforeAll
    static void keys(@TempDir Path keyDirectory) {
        protector = Samples.protector(Samples.generatedKeys(keyDirectory));
    }

    private static FeedRecord decoded(String line) {
        FeedRecord record = Samples.received(line);
        new RecordDecoder(Samples.JSON, Samples.FEEDS).decode(record);
        return record;
    }

    @Test
    void sampleGridEventsPassTheSourceGate() {
        Samples.PUBLIC_SAFETY.forEach(line -> assertThatCode(() -> validator.validateSource(decoded(line)))
                .doesNotThrowAnyException());
    }

    @Test
    void sourceSchemaViolationsRejectTheRecordWithEveryPointer() {
        FeedRecord record = decoded(Samples.PUBLIC_SAFETY.get(2).replace("\"idCard\": \"44030419940328607X\"",
                "\"idCard\": \"4403041994032860\"").replace("\"severity\": 3", "\"severity\": 9"));

        assertThatThrownBy(() -> validator.validateSource(record))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.stage()).isEqualTo("source-schema");
                    assertThat(e.reasons()).extracting(r -> r.substring(0, r.indexOf(':')))
                            .containsExactly("/parties/0/idCard", "/severity");
                    assertThat(e.getMessage()).doesNotContain("4403041994032860");
                });
    }

    @Test
    void everyFullyMappedAndProtectedSampleCasePassesTheCaseGate() {
        Samples.PUBLIC_SAFETY.forEach(line -> {
            FeedRecord record = Samples.normalized(line, protector);
            assertThatCode(() -> validator.validateCase(record)).as(line).doesNotThrowAnyException();
        });
    }

    @Test
    void partyWhosePhoneIsWrittenAsNonePassesTheCaseGate() {
        FeedRecord record = Samples.normalized(Samples.PUBLIC_SAFETY.get(4).replace("17764053143", "无"), protector);

        assertThatCode(() -> validator.validateCase(record)).doesNotThrowAnyException();
    }

    @Test
    void caseWithAPropertyTheSchemaDoesNotKnowIsRejected() {
        FeedRecord record = Samples.normalized(Samples.PUBLIC_SAFETY.get(2), protector);
        record.canonical().put("priority", "high");

        assertThatThrownBy(() -> validator.validateCase(record))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.stage()).isEqualTo("case-schema");
                    assertThat(e.reasons()).singleElement().asString().startsWith("/: ").contains("'priority'");
                });
    }

    @Test
    void caseStillCarryingAPersonsFullIdNumberFieldNameIsRejected() {
        FeedRecord record = Samples.normalized(Samples.PUBLIC_SAFETY.get(2), protector);
        ((ObjectNode) record.canonical().at("/persons/0")).put("idCard", "44030419940328607X");

        assertThatThrownBy(() -> validator.validateCase(record))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.reasons()).singleElement().asString().startsWith("/persons/0: ").contains("'idCard'");
                    assertThat(e.getMessage()).doesNotContain("44030419940328607X");
                });
    }

    @Test
    void caseWithoutARequiredPropertyIsRejectedNamingIt() {
        FeedRecord record = Samples.normalized(Samples.PUBLIC_SAFETY.get(0), protector);
        record.canonical().remove("category");
        ((ObjectNode) record.canonical().at("/location/resolution")).remove("level");

        assertThatThrownBy(() -> validator.validateCase(record))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> assertThat(e.reasons())
                        .extracting(r -> r.substring(0, r.indexOf(':')))
                        .containsExactlyInAnyOrder("/category", "/location/resolution/level"));
    }

    @Test
    void caseWithATimeWithoutSecondsIsRejected() {
        FeedRecord record = Samples.normalized(Samples.PUBLIC_SAFETY.get(0), protector);
        record.canonical().put("reportedAt", "2026-11-06T19:46+08:00");

        assertThatThrownBy(() -> validator.validateCase(record))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> assertThat(e.reasons())
                        .singleElement().asString().startsWith("/reportedAt: "));
    }
}
