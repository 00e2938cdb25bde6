package org.casehub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.casehub.support.RouteFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route file validates against the Camel YAML DSL JSON schema that ships in the {@code camel-yaml-dsl} jar of
 * the Camel version in use — the schema Kaoto and the Camel tooling open files with. Camel itself is laxer (it takes
 * {@code "{{placeholder}}"} where the schema wants a boolean), so a file can run and still be refused by an editor.
 */
class RouteFilesSchemaTest {

    private static final JsonSchema SCHEMA = load();

    static Stream<Path> routeFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("routes"))) {
            files = walk.filter(path -> path.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).as("route files under routes/").isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routeFileIsValidAgainstTheCamelYamlDslSchema(Path file) throws IOException {
        JsonNode routes = RouteFiles.read(file);
        Set<ValidationMessage> errors = SCHEMA.validate(routes);
        assertThat(errors).as(file + " against camelYamlDsl.json").isEmpty();
    }

    private static JsonSchema load() {
        try (InputStream schema = YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(schema).as("camelYamlDsl.json in the camel-yaml-dsl jar").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
