package org.casehub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSchemasTest {

    private static final String FEED_SCHEMA = "feeds/public-safety.schema.json";

    private final JsonSchemas schemas = new JsonSchemas(Samples.HOME);

    private static ObjectNode sample(int index) {
        return (ObjectNode) Samples.tree(Samples.PUBLIC_SAFETY.get(index));
    }

    @Test
    void everySampleGridEventSatisfiesTheFeedSchema() {
        Samples.PUBLIC_SAFETY.forEach(line -> assertThat(schemas.violations(FEED_SCHEMA, Samples.tree(line)))
                .as(line).isEmpty());
    }

    @Test
    void violationInsideAnArrayIsNamedByItsJsonPointer() {
        ObjectNode event = sample(2);
        ((ObjectNode) event.at("/parties/0")).put("idCard", "4403041994032860");

        assertThat(schemas.violations(FEED_SCHEMA, event))
                .singleElement().asString().startsWith("/parties/0/idCard: ");
    }

    @Test
    void missingRequiredPropertyIsNamedByItsOwnPointer() {
        ObjectNode event = sample(2);
        event.remove("eventId");
        ((ObjectNode) event.at("/parties/0")).remove("name");

        assertThat(schemas.violations(FEED_SCHEMA, event)).containsExactlyInAnyOrder(
                "/eventId: required property 'eventId' not found",
                "/parties/0/name: required property 'name' not found");
    }

    @Test
    void everyViolationIsReported() {
        ObjectNode event = sample(0);
        event.put("version", 0).put("severity", 5).put("gridCode", "440305007012");

        assertThat(schemas.violations(FEED_SCHEMA, event)).extracting(v -> v.substring(0, v.indexOf(':')))
                .containsExactlyInAnyOrder("/version", "/severity", "/gridCode");
    }

    @Test
    void wrongTypeOfTheWholeRecordIsNamedAsTheRoot() {
        assertThat(schemas.violations(FEED_SCHEMA, Samples.tree("[]")))
                .singleElement().asString().startsWith("/: ");
    }

    @Test
    void formatsAreAsserted() {
        ObjectNode event = sample(0).put("reportTime", "2026-11-06 19:46:00");

        assertThat(schemas.violations(FEED_SCHEMA, event))
                .singleElement().asString().startsWith("/reportTime: ").contains("date-time");
    }

    @Test
    void violationsDoNotEchoThePersonalDataOfTheRecord() {
        ObjectNode event = sample(2);
        ((ObjectNode) event.at("/parties/0")).put("idCard", "4403041994032860").put("phone", 17633355261L);

        assertThat(schemas.violations(FEED_SCHEMA, event)).hasSize(2)
                .noneMatch(v -> v.contains("4403041994032860") || v.contains("17633355261"));
    }

    @Test
    void referencesBetweenSchemasResolveToTheHomeFolderNotTheNetwork() {
        ObjectNode event = Samples.JSON.createObjectNode();

        // $ref "../case.schema.json" of the event schema: https://casehub.org/ is not reachable from here.
        assertThat(schemas.violations("events/case-event.schema.json", event.put("specversion", "1.0")
                .set("data", Samples.JSON.createObjectNode())))
                .anyMatch(v -> v.startsWith("/data/channel: required property"));
    }

    @Test
    void editedSchemaTakesEffectAfterReload(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("schemas"));
        Files.writeString(home.resolve("schemas/t.json"), "{\"type\": \"object\"}");
        JsonSchemas own = new JsonSchemas(new CasehubHome(new HomeProperties(home.toString())));
        assertThat(own.violations("t.json", Samples.tree("{}"))).isEmpty();

        Files.writeString(home.resolve("schemas/t.json"), "{\"type\": \"object\", \"required\": [\"a\"]}");
        assertThat(own.violations("t.json", Samples.tree("{}"))).as("compiled once").isEmpty();

        own.reload();
        assertThat(own.violations("t.json", Samples.tree("{}"))).containsExactly("/a: required property 'a' not found");
    }

    @Test
    void anInstalledSchemaReplacesTheFileAndOneThatIsNotJsonIsRefused() {
        JsonSchemas own = new JsonSchemas(Samples.HOME);
        own.install("feeds/livelihood.schema.json", "{\"type\": \"object\", \"required\": [\"letterId\"]}");

        assertThat(own.violations("feeds/livelihood.schema.json", Samples.JSON.createObjectNode()))
                .containsExactly("/letterId: required property 'letterId' not found");
        assertThatThrownBy(() -> own.install("feeds/livelihood.schema.json", "{\"type\": "))
                .isInstanceOf(RuntimeException.class);
    }
}
