package org.casehub.apidocs;

import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** HTTP operations written "METHOD /path", as the REST DSL declares them and as an OpenAPI document lists them. */
final class RestVerbs {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private RestVerbs() {
    }

    /** A REST DSL verb: the rest block's path joined to the verb's own (either may be empty). */
    static String of(String method, String restPath, String verbPath) {
        String joined = ("/" + nullToEmpty(restPath) + "/" + nullToEmpty(verbPath)).replaceAll("/+", "/");
        String path = joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
        return method.toUpperCase() + " " + path;
    }

    /** Every operation of an OpenAPI document's paths. */
    static Set<String> documented(JsonNode openApi) {
        Set<String> operations = new TreeSet<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
