package org.casehub.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Says what is wrong with JSON that the hub's strict reader refused, in the same words wherever it was sent (a feed's
 * record, an API body): a key written twice is named as such, never "the last one wins"; Jackson's other words are
 * kept, without the excerpt of the input it would quote, and masked.
 */
public final class JsonProblems {

    /** Jackson's message for a key written twice (StreamReadFeature.STRICT_DUPLICATE_DETECTION) */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private JsonProblems() {
    }

    /** The problem, e.g. {@code duplicate key "orderNo" (each key may appear once in an object)}. */
    public static String describe(JsonProcessingException e) {
        Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
        return duplicate.matches()
                ? "duplicate key \"" + Masking.scrub(duplicate.group(1)) + "\" (each key may appear once in an object)"
                : "not JSON: " + Masking.scrub(e.getOriginalMessage());
    }
}
