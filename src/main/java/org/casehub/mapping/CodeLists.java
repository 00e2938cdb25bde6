package org.casehub.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.home.CasehubHome;
import org.springframework.stereotype.Component;

/**
 * The code lists of mappings/codes/&lt;list&gt;.json (source codes → unified codes and names), each strict or a
 * classification ({@link CodeList}). Lookups are made through a {@link Lookups} per record, which keeps what one
 * record's mapping could not map: JSONata's own lookup would quietly yield nothing and the case would be filed
 * under no category, and a lookup that threw at the first unknown code would name only that one.
 */
@Component
public class CodeLists {

    private final CasehubHome home;
    private final ObjectMapper json;
    private final Map<String, CodeList> lists = new ConcurrentHashMap<>();

    public CodeLists(CasehubHome home, ObjectMapper json) {
        this.home = home;
        this.json = json;
    }

    /** The lookups of one record's mapping. */
    public Lookups lookups() {
        return new Lookups();
    }

    /** The code list of this name, read from the home folder (or the packaged copy) on first use. */
    public CodeList list(String name) {
        return lists.computeIfAbsent(name, n -> {
            if (!n.matches("[A-Za-z0-9.-]+")) {
                throw new UnknownCodeException("no code list named '" + n + "'");
            }
            return parse(n, home.read("mappings/codes/" + n + ".json"));
        });
    }

    /** Forgets loaded lists, so that edited files take effect. */
    public void reload() {
        lists.clear();
    }

    /** The code list of a file's text; throws when it is not a JSON object or declares itself wrongly. */
    public CodeList parse(String name, String text) {
        try {
            return CodeList.of(name, json.readValue(text, new TypeReference<Map<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("code list " + name + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Makes the code list the running one, in place of whatever its file says. */
    public void install(CodeList list) {
        lists.put(list.name(), list);
    }

    /** A code a classification list did not have, and the code whose entry the record took instead. */
    public record UnmappedCode(String list, String code, String usedInstead) {
    }

    /**
     * The {@code $code(list, code)} of one record's mapping: the entry of a known code; for a classification list's
     * unknown code the fallback's entry, remembered in {@link #unmapped()}; for a strict list's unknown or missing
     * code nothing, remembered in {@link #unknown()} so that the record is refused naming every such code.
     */
    public final class Lookups {

        private final Set<UnmappedCode> unmapped = new LinkedHashSet<>();
        private final Set<String> unknown = new LinkedHashSet<>();

        private Lookups() {
        }

        public Object code(String listName, Object code) {
            CodeList list = list(listName);
            if (code == null && list.kind() == CodeList.Kind.STRICT) {
                unknown.add("missing code for code list '" + listName + "'");
                return null;
            }
            String text = code == null ? "" : code.toString();
            CodeList.Lookup found = list.find(text);
            if (found == null) {
                unknown.add("unknown code '" + text + "' in code list '" + listName + "'");
                return null;
            }
            if (!found.usedCode().equals(text)) {
                unmapped.add(new UnmappedCode(listName, text, found.usedCode()));
            }
            return found.value();
        }

        public List<UnmappedCode> unmapped() {
            return new ArrayList<>(unmapped);
        }

        /** What no strict list knew, each said once, in the order met. */
        public List<String> unknown() {
            return new ArrayList<>(unknown);
        }
    }

    public static class UnknownCodeException extends RuntimeException {
        public UnknownCodeException(String message) {
            super(message);
        }
    }
}
