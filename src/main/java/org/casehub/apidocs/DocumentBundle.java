package org.casehub.apidocs;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * An API document of the home folder (schemas/openapi.yaml, schemas/asyncapi.yaml) made into one self-contained
 * JSON document. The documents reference the hub's JSON Schemas by file ({@code case.schema.json}, {@code
 * events/case-event.schema.json#/...}) so that the schemas the pipeline validates with are the ones the API
 * promises, written once; a client fetching {@code /api/openapi.json} cannot follow a file reference, so every
 * referenced file is copied into {@code components/schemas} under a name made of its file name ({@code
 * case-event.schema.json} → {@code CaseEvent}), its own {@code #/...} references rewritten to point inside that copy,
 * and its {@code $schema}/{@code $id} dropped (an {@code $id} would move the base of those references away from the
 * document). OpenAPI 3.1 and AsyncAPI 3.0 both keep reusable schemas in {@code components/schemas}.
 */
final class DocumentBundle {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ObjectMapper json;
    private final UnaryOperator<String> files;
    private final ObjectNode schemas;
    /** home-relative file → its name under components/schemas */
    private final Map<String, String> copied = new LinkedHashMap<>();

    private DocumentBundle(ObjectMapper json, UnaryOperator<String> files, ObjectNode schemas) {
        this.json = json;
        this.files = files;
        this.schemas = schemas;
    }

    /**
     * @param document the document's home-relative path
     * @param files    reads a home-relative file as text
     */
    static ObjectNode bundle(String document, UnaryOperator<String> files, ObjectMapper json) {
        ObjectNode root = (ObjectNode) parse(document, files.apply(document), json);
        ObjectNode schemas = root.withObjectProperty("components").withObjectProperty("schemas");
        new DocumentBundle(json, files, schemas).rewrite(root, document, null);
        return root;
    }

    /** Rewrites every {@code $ref} under node; {@code copyName} is the component the node was copied into, if any. */
    private void rewrite(JsonNode node, String file, String copyName) {
        if (node instanceof ObjectNode object && object.path("$ref").isTextual()) {
            object.put("$ref", target(object.path("$ref").asText(), file, copyName));
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            rewrite(children.next(), file, copyName);
        }
    }

    private String target(String ref, String file, String copyName) {
        int hash = ref.indexOf('#');
        String path = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        if (path.isEmpty()) {
            return copyName == null ? ref : COMPONENTS + copyName + fragment;
        }
        String referenced = Path.of(file).resolveSibling(path).normalize().toString().replace('\\', '/');
        return COMPONENTS + copy(referenced) + fragment;
    }

    private String copy(String file) {
        String known = copied.get(file);
        if (known != null) {
            return known;
        }
        String name = componentName(file);
        if (schemas.has(name)) {
            throw new IllegalStateException(file + " would be copied to components/schemas/" + name
                    + ", which the document already has: rename one of them");
        }
        copied.put(file, name);
        ObjectNode schema = (ObjectNode) parse(file, files.apply(file), json);
        schema.remove("$schema");
        schema.remove("$id");
        schemas.set(name, schema);
        rewrite(schema, file, name);
        return name;
    }

    /** {@code events/case-event.schema.json} → {@code CaseEvent}. */
    static String componentName(String file) {
        String base = Path.of(file).getFileName().toString().replaceFirst("(\\.schema)?\\.(json|ya?ml)$", "");
        StringBuilder name = new StringBuilder();
        for (String word : base.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
    }

    private static JsonNode parse(String file, String text, ObjectMapper json) {
        try {
            return (file.endsWith(".json") ? json : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
