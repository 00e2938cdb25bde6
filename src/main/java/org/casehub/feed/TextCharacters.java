package org.casehub.feed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Characters that valid JSON can carry but that no source text means: NUL ({@code \u0000}, which PostgreSQL refuses
 * in text and C-based consumers cut the string at) and lone surrogates ({@code \ud800} without its pair, which no
 * encoding can write: UTF-8 encoders turn it into {@code ?}, so the stored text would differ from what was sent).
 * Both arrive only as JSON escapes: strict UTF-8 decoding already refuses them as raw bytes.
 */
final class TextCharacters {

    /** enough to name the problem; a record full of them is not listed whole */
    private static final int MAX_REPORTED = 10;

    private TextCharacters() {
    }

    /** Every key and text value holding such a character, as "JSON pointer: what, where"; empty when clean. */
    static List<String> problems(JsonNode record) {
        List<String> problems = new ArrayList<>();
        walk(record, JsonPointer.empty(), problems);
        return problems;
    }

    private static void walk(JsonNode node, JsonPointer at, List<String> problems) {
        if (problems.size() >= MAX_REPORTED) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonPointer child = at.appendProperty(field.getKey());
                check(field.getKey(), child + " (the key)", problems);
                walk(field.getValue(), child, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at.appendIndex(i), problems);
            }
        } else if (node.isTextual()) {
            check(node.textValue(), at.toString(), problems);
        }
    }

    private static void check(String text, String where, List<String> problems) {
        for (int i = 0; i < text.length() && problems.size() < MAX_REPORTED; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                problems.add(where + ": contains a NUL character (U+0000) at character " + (i + 1));
                return;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one character outside the BMP
            } else if (Character.isSurrogate(c)) {
                problems.add(where + ": contains a lone surrogate (U+" + Integer.toHexString(c).toUpperCase()
                        + ") at character " + (i + 1) + ", which no encoding can store");
                return;
            }
        }
    }
}
