package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.casehub.core.Ulid;
import org.casehub.mapping.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseEventsTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 25, 10, 15, 30, 123_000_000, ZoneOffset.ofHours(8));

    private static JsonSchema eventSchema;
    private static ObjectNode caseData;

    private final CaseEvents events = new CaseEvents(Samples.JSON);

    @BeforeAll
    static void schemaAndCase(@TempDir Path keyDirectory) throws Exception {
        // As JsonSchemas does: our $ids resolve to the local schemas/ folder, never to the network.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix("https://casehub.org/schemas/",
                        Path.of("schemas").toAbsolutePath().toUri().toString())));
        eventSchema = factory.getSchema(Files.readString(Path.of("schemas/events/case-event.schema.json")),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

        var record = Samples.normalized(Samples.PUBLIC_SAFETY.get(2),
                Samples.protector(Samples.generatedKeys(keyDirectory)));
        caseData = record.canonical().deepCopy();
        caseData.put("caseId", Ulid.next());
        caseData.put("revision", 3);
        caseData.putArray("sources").addObject()
                .put("feed", record.feed())
                .put("recordId", record.recordId())
                .put("sourceVersion", record.sourceVersion())
                .put("receivedAt", "2026-11-25T02:15:30Z");
    }

    private static Set<ValidationMessage> violations(JsonNode event) {
        return eventSchema.validate(event);
    }

    @Test
    void envelopeCarriesTheCloudEventsAttributesOfACaseChange() {
        ObjectNode event = events.envelope(CaseEvents.CREATED, "public-safety", caseData, NOW);
        String caseId = caseData.path("caseId").asText();

        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("id").asText()).isEqualTo(caseId + ":3");
        assertThat(event.path("source").asText()).isEqualTo("/casehub/feeds/public-safety");
        assertThat(event.path("type").asText()).isEqualTo("org.casehub.case.created");
        assertThat(event.path("subject").asText()).isEqualTo(caseId);
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.path("dataschema").asText()).isEqualTo("https://casehub.org/schemas/case.schema.json");
        assertThat(event.path("casehubfeed").asText()).isEqualTo("public-safety");
        assertThat(event.path("data")).isEqualTo(caseData);
    }

    @Test
    void timeIsWrittenInUtc() {
        ObjectNode event = events.envelope(CaseEvents.UPDATED, "public-safety", caseData, NOW);

        assertThat(event.path("time").asText()).isEqualTo("2026-11-25T02:15:30.123Z");
    }

    @Test
    void timeOnAWholeMinuteStillHasItsSeconds() {
        // RFC 3339 (and so CloudEvents) requires seconds; OffsetDateTime.toString() drops ":00".
        ObjectNode event = events.envelope(CaseEvents.UPDATED, "public-safety", caseData,
                OffsetDateTime.of(2026, 11, 25, 10, 15, 0, 0, ZoneOffset.ofHours(8)));

        assertThat(event.path("time").asText()).isEqualTo("2026-11-25T02:15:00Z");
        assertThat(violations(event)).isEmpty();
    }

    @Test
    void operatorsDecisionComesFromTheOperatorsSource() {
        ObjectNode event = events.envelope(CaseEvents.REASSIGNED, "operators", caseData, NOW);

        assertThat(event.path("source").asText()).isEqualTo("/casehub/operators");
        assertThat(event.path("casehubfeed").asText()).isEqualTo("operators");
        assertThat(CaseEvents.sourceOf("livelihood")).isEqualTo("/casehub/feeds/livelihood");
    }

    @Test
    void eventIdIsCaseIdAndRevision() {
        assertThat(CaseEvents.eventId("01KAB5W3YQ9D6X0M7T2Z3C4V5N", 12)).isEqualTo("01KAB5W3YQ9D6X0M7T2Z3C4V5N:12");
    }

    @Test
    void envelopeOfEveryTypeSatisfiesTheEventSchema() {
        for (String type : new String[] {CaseEvents.CREATED, CaseEvents.UPDATED, CaseEvents.REASSIGNED}) {
            assertThat(violations(events.envelope(type, "public-safety", caseData, NOW))).as(type).isEmpty();
        }
        ObjectNode merged = caseData.deepCopy().put("mergedInto", Ulid.next());
        assertThat(violations(events.envelope(CaseEvents.MERGED, "operators", merged, NOW))).isEmpty();
    }

    @Test
    void eventSchemaChecksTheEnvelopeAndTheCaseInside() {
        ObjectNode withoutSubject = events.envelope(CaseEvents.CREATED, "public-safety", caseData, NOW);
        withoutSubject.remove("subject");
        ObjectNode rawPhone = events.envelope(CaseEvents.CREATED, "public-safety", caseData.deepCopy(), NOW);
        ((ObjectNode) rawPhone.at("/data/persons/0")).put("mobile", "17633355261");

        assertThat(violations(withoutSubject)).isNotEmpty();
        assertThat(violations(rawPhone)).isNotEmpty();
    }

    @Test
    void envelopeHasNoRawPersonalData() {
        String event = events.envelope(CaseEvents.CREATED, "public-safety", caseData, NOW).toString();

        assertThat(event).doesNotContain("44030419940328607X").doesNotContain("17633355261").doesNotContain("马斌");
    }

    @Test
    void contentTypeIsTheStructuredModeOfTheKafkaBinding() {
        assertThat(CaseEvents.CONTENT_TYPE).isEqualTo("application/cloudevents+json; charset=UTF-8");
    }
}
