package org.casehub.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile variants of a valid source record: a field set to a hostile value, removed or written twice, the bytes cut
 * off, nesting too deep, or the whole record replaced (empty, white space, not an object, random bytes, bad UTF-8).
 * The record's identity fields are never touched by a field mutation, so that each variant stays traceable to one
 * record id; whole-record variants are traced by their position instead.
 */
final class HostileRecords {

    /** One variant: what was done (for a failure's message) and the bytes sent. */
    record Input(String what, byte[] bytes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HostileValues values;
    private final Set<String> identity;

    HostileRecords(HostileValues values, Set<String> identity) {
        this.values = values;
        this.identity = identity;
    }

    Input variant(ObjectNode valid) {
        ObjectNode record = valid.deepCopy();
        List<String> fields = fields(record, "");
        String field = fields.isEmpty() ? null : values.pick(fields);
        return switch (values.below(10)) {
            case 0 -> new Input("valid", bytes(record));
            case 1, 2, 3 -> {
                Object value = values.value();
                set(record, field, JSON.valueToTree(value));
                yield new Input("set " + field + " to " + shown(value), bytes(record));
            }
            case 4 -> {
                remove(record, field);
                yield new Input("removed " + field, bytes(record));
            }
            case 5 -> {
                String text = new String(bytes(record), StandardCharsets.UTF_8);
                String key = field.substring(field.lastIndexOf('/') + 1);
                yield new Input("key " + key + " written twice",
                        (text.substring(0, text.length() - 1) + ", \"" + key + "\": \"second\"}").getBytes(StandardCharsets.UTF_8));
            }
            case 6 -> {
                byte[] whole = bytes(record);
                int cut = values.below(whole.length);
                yield new Input("cut off after byte " + cut, java.util.Arrays.copyOf(whole, cut));
            }
            case 7 -> {
                ArrayNode deep = JSON.createArrayNode();
                ArrayNode inner = deep;
                int depth = 60 + values.below(200);
                for (int i = 0; i < depth; i++) {
                    inner = inner.addArray();
                }
                set(record, field, deep);
                yield new Input(field + " nested " + depth + " deep", bytes(record));
            }
            case 8 -> {
                String nasty = values.pick(HostileValues.NASTIES);
                set(record, field, JSON.getNodeFactory().textNode(nasty));
                yield new Input("set " + field + " to nasty " + shown(nasty), bytes(record));
            }
            default -> wholeRecord();
        };
    }

    private Input wholeRecord() {
        return switch (values.below(8)) {
            case 0 -> new Input("empty", new byte[0]);
            case 1 -> new Input("white space", " \n\t ".getBytes(StandardCharsets.UTF_8));
            case 2 -> new Input("JSON null", "null".getBytes(StandardCharsets.UTF_8));
            case 3 -> new Input("JSON array", "[{\"a\": 1}]".getBytes(StandardCharsets.UTF_8));
            case 4 -> new Input("JSON string", JSON.getNodeFactory().textNode(values.text()).toString().getBytes(StandardCharsets.UTF_8));
            case 5 -> new Input("bad UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
            case 6 -> new Input("GBK bytes", "{\"title\": \"噪音扰民\"}".getBytes(java.nio.charset.Charset.forName("GBK")));
            default -> new Input("random bytes", values.bytes(300));
        };
    }

    /** JSON pointers of the fields that may be changed: every field of every object, but the identity fields. */
    private List<String> fields(JsonNode node, String at) {
        List<String> fields = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String pointer = at + "/" + name;
                if (!identity.contains(pointer)) {
                    fields.add(pointer);
                    fields.addAll(fields(node.get(name), pointer));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                fields.addAll(fields(node.get(i), at + "/" + i));
            }
        }
        return fields;
    }

    private static void set(ObjectNode record, String pointer, JsonNode value) {
        JsonNode parent = record.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (parent instanceof ObjectNode object) {
            object.set(name, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(name), value);
        }
    }

    private static void remove(ObjectNode record, String pointer) {
        JsonNode parent = record.at(pointer.substring(0, pointer.lastIndexOf('/')));
        if (parent instanceof ObjectNode object) {
            object.remove(pointer.substring(pointer.lastIndexOf('/') + 1));
        }
    }

    /** Half the time with every non-ASCII character escaped: the only way a lone surrogate reaches the wire intact. */
    private byte[] bytes(ObjectNode record) {
        try {
            return (values.below(2) == 0 ? JSON.writeValueAsString(record)
                    : JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(record))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
