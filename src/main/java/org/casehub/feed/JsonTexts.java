package org.casehub.feed;

import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Walks every text of a JSON tree — its string values, and its keys when asked — naming a text's place (a JSON
 * Pointer) only for the few texts a check reports: built for every value, the pointers cost more than the checks
 * themselves (issue 18).
 */
final class JsonTexts {

    /** What is done with each text; {@code false} stops the walk. */
    interface Visitor {
        boolean visit(String text, Place place, boolean isKey);
    }

    /** Where a text is: its parent's place and its key or index; the pointer is made when asked. */
    static final class Place {

        private static final Place ROOT = new Place(null, null, -1);

        private final Place parent;
        private final String property;
        private final int index;

        private Place(Place parent, String property, int index) {
            this.parent = parent;
            this.property = property;
            this.index = index;
        }

        JsonPointer pointer() {
            if (parent == null) {
                return JsonPointer.empty();
            }
            return property != null ? parent.pointer().appendProperty(property) : parent.pointer().appendIndex(index);
        }
    }

    private JsonTexts() {
    }

    /** Visits the texts in document order (a key before its value) until the visitor says stop. */
    static void walk(JsonNode node, boolean keys, Visitor visitor) {
        walk(node, Place.ROOT, keys, visitor);
    }

    private static boolean walk(JsonNode node, Place at, boolean keys, Visitor visitor) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                Place child = new Place(at, field.getKey(), -1);
                if (keys && !visitor.visit(field.getKey(), child, true) || !walk(field.getValue(), child, keys, visitor)) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!walk(node.get(i), new Place(at, null, i), keys, visitor)) {
                    return false;
                }
            }
        } else if (node.isTextual()) {
            return visitor.visit(node.textValue(), at, false);
        }
        return true;
    }
}
