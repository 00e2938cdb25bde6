package org.casehub.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.security.Masking;

/**
 * The stored case as the API shows it. The pipeline masks the persons but not the free text, where a citizen
 * may have written an ID number or a phone: the API masks those in the title, description and address too.
 */
final class CaseTexts {

    private CaseTexts() {
    }

    static ObjectNode read(ObjectMapper json, String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("a stored case or event is not a JSON object", e);
        }
    }

    /** The case with its free text scrubbed, in place. */
    static ObjectNode scrubbed(ObjectNode data) {
        scrub(data, "title");
        scrub(data, "description");
        if (data.path("location") instanceof ObjectNode location) {
            scrub(location, "address");
        }
        return data;
    }

    private static void scrub(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual()) {
            node.put(field, Masking.scrub(value.asText()));
        }
    }
}
