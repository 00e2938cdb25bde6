package org.casehub.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.casehub.home.CasehubHome;
import org.springframework.stereotype.Component;

/**
 * The JSON Schemas of schemas/, each compiled once (compiling per record would cost far more than
 * validating). Errors name the failing place as a JSON Pointer, as users of JSON tools expect.
 */
@Component
public class JsonSchemas {

    private static final String ID_PREFIX = "https://casehub.org/schemas/";

    private final CasehubHome home;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    public JsonSchemas(CasehubHome home) {
        this.home = home;
        // $refs between our own schemas resolve to the home folder's copies, never to the network
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, schemasLocation(home))));
    }

    private static String schemasLocation(CasehubHome home) {
        java.nio.file.Path dir = home.root().resolve("schemas");
        return java.nio.file.Files.isDirectory(dir) ? dir.toUri().toString() : "classpath:schemas/";
    }

    /** Every violation of the schema at {@code relativePath} (under schemas/), in document order. */
    public List<String> violations(String relativePath, JsonNode instance) {
        JsonSchema schema = compiled.computeIfAbsent(relativePath, this::compile);
        return schema.validate(instance).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(JsonSchemas::describe)
                .toList();
    }

    /** Forgets compiled schemas, so that edited files take effect. */
    public void reload() {
        compiled.clear();
    }

    /** Compiles the schema's text (throwing when it cannot) and makes it the running one. */
    public void install(String relativePath, String text) {
        JsonSchema schema = factory.getSchema(text, config);
        schema.initializeValidators();
        compiled.put(relativePath, schema);
    }

    private JsonSchema compile(String relativePath) {
        return factory.getSchema(home.read("schemas/" + relativePath), config);
    }

    private static String describe(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        String property = message.getProperty();
        if ("required".equals(message.getType()) && property != null) {
            pointer = pointer + "/" + property;
        }
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message.getError();
    }
}
