package org.casehub.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.casehub.support.RouteFiles;
import org.junit.jupiter.api.Test;

/**
 * The API documents of schemas/ against what the hub really serves: the OpenAPI document has exactly the REST DSL
 * verbs of the route files (paths, methods, path and query parameters), and both documents bundle into self-contained
 * JSON whose every reference resolves. The bundles are written to target/apidocs/, where .ci/run lints them with
 * Redocly CLI and the AsyncAPI parser.
 */
class ApiDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path OUTPUT = Path.of("target", "apidocs");

    @Test
    void theOpenApiDocumentHasExactlyTheRestVerbsOfTheRouteFiles() throws IOException {
        Set<String> documented = RestVerbs.documented(YAML.readTree(Path.of(ApiDocuments.OPENAPI_SOURCE).toFile()));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(restVerbsOfTheRouteFiles().keySet());
    }

    @Test
    void everyOperationDocumentsExactlyThePathAndQueryParametersItsRestVerbDeclares() throws IOException {
        JsonNode document = YAML.readTree(Path.of(ApiDocuments.OPENAPI_SOURCE).toFile());

        restVerbsOfTheRouteFiles().forEach((verb, declared) -> {
            String[] methodAndPath = verb.split(" ", 2);
            Set<String> documented = new TreeSet<>();
            document.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase()).path("parameters")
                    .forEach(parameter -> {
                        JsonNode resolved = parameter.has("$ref") ? document.at(parameter.path("$ref").asText().substring(1)) : parameter;
                        documented.add(resolved.path("in").asText() + " " + resolved.path("name").asText());
                    });
            assertThat(documented).as(verb).containsExactlyInAnyOrderElementsOf(declared);
        });
    }

    @Test
    void bothDocumentsBundleIntoSelfContainedJsonWhoseReferencesAllResolve() throws IOException {
        Files.createDirectories(OUTPUT);
        for (String source : List.of(ApiDocuments.OPENAPI_SOURCE, ApiDocuments.ASYNCAPI_SOURCE)) {
            ObjectNode bundle = DocumentBundle.bundle(source, ApiDocumentsTest::read, JSON);

            List<String> refs = new ArrayList<>();
            collectRefs(bundle, refs);
            assertThat(refs).as(source).isNotEmpty().allSatisfy(ref -> {
                assertThat(ref).startsWith("#/");
                assertThat(bundle.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse();
            });
            JSON.writerWithDefaultPrettyPrinter().writeValue(OUTPUT.resolve(Path.of(source).getFileName().toString()
                    .replace(".yaml", ".json")).toFile(), bundle);
        }
    }

    @Test
    void theCaseSchemaIsCopiedWithItsOwnReferencesPointingIntoTheCopy() {
        ObjectNode bundle = DocumentBundle.bundle(ApiDocuments.ASYNCAPI_SOURCE, ApiDocumentsTest::read, JSON);

        JsonNode caseEvent = bundle.at("/components/schemas/CaseEvent");
        assertThat(caseEvent.has("$id")).isFalse();
        assertThat(caseEvent.at("/properties/data/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/Case");
        assertThat(bundle.at("/components/schemas/Case/properties/location").toString())
                .contains("#/components/schemas/Case/$defs/division");
    }

    @Test
    void theCaseViewOfTheApiHasEveryPropertyOfTheCaseSchema() throws IOException {
        JsonNode view = YAML.readTree(Path.of(ApiDocuments.OPENAPI_SOURCE).toFile()).at("/components/schemas/CaseView/properties");
        JsonNode caseSchema = JSON.readTree(Path.of("schemas", "case.schema.json").toFile()).path("properties");

        List<String> missing = new ArrayList<>();
        caseSchema.fieldNames().forEachRemaining(name -> {
            if (!view.has(name)) {
                missing.add(name);
            }
        });
        assertThat(missing).as("case.schema.json properties missing from CaseView in " + ApiDocuments.OPENAPI_SOURCE).isEmpty();
    }

    @Test
    void theResponseCheckOfTheItsTellsADocumentedShapeFromAnother() throws IOException {
        OpenApiResponses documented = new OpenApiResponses(DocumentBundle.bundle(ApiDocuments.OPENAPI_SOURCE,
                ApiDocumentsTest::read, JSON));
        JsonNode caller = JSON.readTree("""
                {"id": "it-reader", "name": "IT reader", "roles": ["reader"], "personalData": false,
                 "scope": {"code": "440305", "kind": "district", "name": "南山区"}}""");
        JsonNode notFound = JSON.readTree("""
                {"status": 404, "error": "Not Found", "message": "no case X", "requestId": "r1"}""");

        documented.assertConforms("GET", "/api/me", 200, caller);
        documented.assertConforms("GET", "/api/cases/{id}", 404, notFound);
        assertThatThrownBy(() -> documented.assertConforms("GET", "/api/me", 200, JSON.readTree("{\"id\": 1}")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> documented.assertConforms("GET", "/api/cases", 200,
                JSON.readTree("{\"items\": [{\"caseId\": \"not a ULID\"}], \"nextCursor\": null}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("caseId");
    }

    @Test
    void componentNamesComeFromTheFileNames() {
        assertThat(DocumentBundle.componentName("events/case-event.schema.json")).isEqualTo("CaseEvent");
        assertThat(DocumentBundle.componentName("case.schema.json")).isEqualTo("Case");
        assertThat(DocumentBundle.componentName("feeds/public-safety.schema.json")).isEqualTo("PublicSafety");
    }

    /** "METHOD /path" of every verb of every rest block in routes/**&#47;*.camel.yaml, with its "in name" parameters. */
    private static Map<String, Set<String>> restVerbsOfTheRouteFiles() throws IOException {
        Map<String, Set<String>> verbs = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                for (JsonNode element : RouteFiles.read(file)) {
                    JsonNode rest = element.path("rest");
                    rest.fieldNames().forEachRemaining(method -> {
                        if (RestVerbs.METHODS.contains(method)) {
                            rest.path(method).forEach(verb -> verbs.put(RestVerbs.of(method,
                                    rest.path("path").asText(""), verb.path("path").asText("")), parameters(verb)));
                        }
                    });
                }
            }
        }
        assertThat(verbs).as("REST DSL verbs in routes/").isNotEmpty();
        return verbs;
    }

    private static Set<String> parameters(JsonNode verb) {
        Set<String> parameters = new TreeSet<>();
        verb.path("param").forEach(parameter -> parameters.add(parameter.path("type").asText() + " " + parameter.path("name").asText()));
        return parameters;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.path("$ref").isTextual()) {
            refs.add(node.path("$ref").asText());
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            collectRefs(children.next(), refs);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
