package org.casehub.feed;

import java.util.ArrayList;
import java.util.List;

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
        JsonTexts.walk(record, true, (text, place, isKey) -> {
            String problem = problem(text);
            if (problem != null) {
                problems.add(place.pointer() + (isKey ? " (the key)" : "") + ": " + problem);
            }
            return problems.size() < MAX_REPORTED;
        });
        return problems;
    }

    /** What is wrong with the text, or null when nothing is. */
    private static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character (U+0000) at character " + (i + 1);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one character outside the BMP
            } else if (Character.isSurrogate(c)) {
                return "contains a lone surrogate (U+" + Integer.toHexString(c).toUpperCase()
                        + ") at character " + (i + 1) + ", which no encoding can store";
            }
        }
        return null;
    }
}
