package org.casehub.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One code list of mappings/codes/: its entries and what it does with a code it does not have, declared beside the
 * entries in keys starting with {@code _}:
 * <ul>
 * <li>{@code "_kind": "strict"} (the default): an unknown code is an error — a guess would be wrong (a channel, a
 * state);</li>
 * <li>{@code "_kind": "classification"}: the source's taxonomy is open (a city's 12345 大类/小类 changes every year),
 * so an unknown code takes its parent's entry ({@code "_parent": {"separator": "/"}} for 大类/小类,
 * {@code {"prefixLength": 2}} for 0101-style codes), and a code without a known parent the entry of the list's
 * catch-all code ({@code "_other"}). The record is kept and says which code it could not map.</li>
 * </ul>
 */
public record CodeList(String name, Kind kind, String separator, int prefixLength, String other,
                       Map<String, Object> entries) {

    public enum Kind { STRICT, CLASSIFICATION }

    /** The entry used for a code, and the code whose entry it is (the code itself unless it fell back). */
    public record Lookup(Object value, String usedCode) {
    }

    /** A code list from its file's entries, the {@code _} keys read as its declaration. */
    public static CodeList of(String name, Map<String, Object> file) {
        Map<String, Object> entries = new LinkedHashMap<>();
        file.forEach((key, value) -> {
            if (!key.startsWith("_")) {
                entries.put(key, value);
            }
        });
        String kindText = String.valueOf(file.getOrDefault("_kind", "strict"));
        Kind kind = switch (kindText) {
            case "strict" -> Kind.STRICT;
            case "classification" -> Kind.CLASSIFICATION;
            default -> throw new IllegalStateException("code list " + name + ": _kind must be strict or classification, not "
                    + kindText);
        };
        String separator = null;
        int prefixLength = 0;
        if (file.get("_parent") instanceof Map<?, ?> parent) {
            separator = parent.get("separator") instanceof String s && !s.isEmpty() ? s : null;
            prefixLength = parent.get("prefixLength") instanceof Number n ? n.intValue() : 0;
        } else if (file.containsKey("_parent")) {
            throw new IllegalStateException("code list " + name + ": _parent must be {\"separator\": …} or {\"prefixLength\": …}");
        }
        String other = file.get("_other") == null ? null : file.get("_other").toString();
        if (kind == Kind.CLASSIFICATION && (other == null || !entries.containsKey(other))) {
            throw new IllegalStateException("code list " + name + ": a classification list names its catch-all code in"
                    + " _other, and has an entry for it");
        }
        return new CodeList(name, kind, separator, prefixLength, other, Map.copyOf(entries));
    }

    /** The entry of the code, of its nearest known parent, or of the catch-all code; null for an unknown strict code. */
    public Lookup find(String code) {
        Object value = entries.get(code);
        if (value != null) {
            return new Lookup(value, code);
        }
        if (kind == Kind.STRICT) {
            return null;
        }
        for (String parent = parent(code); parent != null; parent = parent(parent)) {
            if (entries.containsKey(parent)) {
                return new Lookup(entries.get(parent), parent);
            }
        }
        return new Lookup(entries.get(other), other);
    }

    private String parent(String code) {
        if (separator != null) {
            int cut = code.lastIndexOf(separator);
            return cut > 0 ? code.substring(0, cut) : null;
        }
        return prefixLength > 0 && code.length() > prefixLength ? code.substring(0, prefixLength) : null;
    }
}
