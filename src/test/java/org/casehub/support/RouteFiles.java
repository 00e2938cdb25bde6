package org.casehub.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A route file read as Camel reads it: YAML aliases resolved (a parameter written once under an anchor and named
 * again by {@code *alias}), which Jackson's YAML reader would leave as the alias' name.
 */
public final class RouteFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RouteFiles() {
    }

    public static JsonNode read(Path file) throws IOException {
        try (Reader text = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return JSON.valueToTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
        }
    }
}
