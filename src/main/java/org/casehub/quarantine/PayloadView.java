package org.casehub.quarantine;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.casehub.core.GbkText;
import org.casehub.security.Masking;

/**
 * A quarantined payload as an operator may see it: decoded without ever failing (bad UTF-8, and bad GBK in a
 * petition row's {@code *_GBK_BASE64} column, shown as U+FFFD and reported where), parsed as JSON when it is JSON, and
 * masked — persons' names and phones by key (a malformed phone too), ID numbers and phones wherever they appear. A
 * payload that is not JSON (cut off, say) is masked by the same keys where its text shows {@code "key": "value"}.
 * The original bytes are never shown.
 */
final class PayloadView {

    static final String GBK_SUFFIX = "_GBK_BASE64";

    private final ObjectMapper json;
    private final Set<String> nameFields;
    private final Set<String> phoneFields;
    /** {@code "key": "value"} in text that is not JSON; the value may be cut off by the end of the text */
    private final Pattern keyedValue;
    private final int maxChars;

    PayloadView(ObjectMapper json, Set<String> nameFields, Set<String> phoneFields, int maxChars) {
        this.json = json;
        this.nameFields = Set.copyOf(nameFields);
        this.phoneFields = Set.copyOf(phoneFields);
        String keys = Stream.concat(nameFields.stream(), phoneFields.stream()).map(Pattern::quote)
                .collect(Collectors.joining("|"));
        this.keyedValue = Pattern.compile("\"(" + keys + ")\"(\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)");
        this.maxChars = maxChars;
    }

    Map<String, Object> show(byte[] raw) {
        List<String> problems = new ArrayList<>();
        String text = decode(raw, StandardCharsets.UTF_8, "the payload", problems);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bytes", raw.length);
        JsonNode parsed = parse(text);
        if (parsed != null && parsed.isContainerNode()) {
            view.put("json", masked(parsed, null, problems));
        } else {
            String masked = Masking.scrub(maskKeyedValues(text));
            boolean cut = masked.length() > maxChars;
            view.put("text", cut ? masked.substring(0, maxChars) : masked);
            view.put("truncated", cut);
        }
        view.put("problems", problems);
        return view;
    }

    private String maskKeyedValues(String text) {
        return keyedValue.matcher(text).replaceAll(match -> Matcher.quoteReplacement(
                "\"" + match.group(1) + "\"" + match.group(2) + mask(match.group(1), match.group(3))));
    }

    private String mask(String key, String value) {
        return nameFields.contains(key) ? Masking.maskName(value)
                : phoneFields.contains(key) ? Masking.maskPhone(value) : Masking.scrub(value);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private JsonNode masked(JsonNode node, String key, List<String> problems) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = json.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.endsWith(GBK_SUFFIX) && field.getValue().isTextual()) {
                    String column = name.substring(0, name.length() - GBK_SUFFIX.length());
                    out.set(column, masked(new TextNode(gbk(field.getValue().asText(), column, problems)), column, problems));
                } else {
                    out.set(name, masked(field.getValue(), name, problems));
                }
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = json.createArrayNode();
            array.forEach(element -> out.add(masked(element, key, problems)));
            return out;
        }
        if (node.isTextual()) {
            String value = node.asText();
            String shown = key == null ? Masking.scrub(value) : mask(key, value);
            return new TextNode(shown.length() > maxChars ? shown.substring(0, maxChars) + "…" : shown);
        }
        return node;
    }

    private static String gbk(String base64, String column, List<String> problems) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            problems.add(column + ": not base64");
            return "";
        }
        return decode(bytes, GbkText.GBK, column + " (GBK)", problems);
    }

    /** Decodes leniently, reporting where the first bad bytes are: a replacement character is never silent. */
    static String decode(byte[] bytes, Charset charset, String what, List<String> problems) {
        CharsetDecoder strict = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = strict.decode(in, CharBuffer.allocate(bytes.length), true);
        if (result.isError()) {
            problems.add(what + " is not valid " + charset.name() + ": " + result.length() + " bad byte(s) at byte offset "
                    + in.position() + " (and maybe more), shown as U+FFFD");
        }
        return new String(bytes, charset);
    }
}
