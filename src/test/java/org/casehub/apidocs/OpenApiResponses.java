package org.casehub.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks a real answer against the schema that the OpenAPI document gives for its operation and status (OpenAPI
 * 3.1 schemas are JSON Schema 2020-12), so that a document that promises a shape the hub does not answer fails.
 */
final class OpenApiResponses {

    private static final String BASE = "https://casehub.test/api/openapi.json";
    /** formats (date-time, …) are checked too: a client's generated code parses them */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final JsonNode document;
    private final JsonSchemaFactory schemas;

    OpenApiResponses(JsonNode document) {
        this.document = document;
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, document.toString()))));
    }

    /** Asserts that body is what the document says operation (METHOD /path template) answers with status. */
    void assertConforms(String method, String pathTemplate, int status, JsonNode body) {
        String pointer = "/paths/" + escape(pathTemplate) + "/" + method.toLowerCase() + "/responses/" + status;
        JsonNode response = document.at(pointer);
        assertThat(response.isMissingNode()).as(method + " " + pathTemplate + " documents status " + status).isFalse();
        if (response.has("$ref")) {
            pointer = response.path("$ref").asText().substring(1);
        }
        pointer += "/content/application~1json/schema";
        JsonSchema schema = schemas.getSchema(SchemaLocation.of(BASE + "#" + pointer), CONFIG);
        Set<ValidationMessage> errors = schema.validate(body);
        assertThat(errors).as(method + " " + pathTemplate + " " + status + ": " + body).isEmpty();
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
