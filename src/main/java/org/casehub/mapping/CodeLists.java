package org.casehub.mapping;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.home.CasehubHome;
import org.springframework.stereotype.Component;

/**
 * The code lists of mappings/codes/&lt;list&gt;.json (source codes → unified codes and names). A lookup
 * of a code the list does not have fails and names the code: JSONata's own lookup would quietly
 * yield nothing and the case would be filed under no category.
 */
@Component
public class CodeLists {

    private final CasehubHome home;
    private final ObjectMapper json;
    private final Map<String, Map<String, Object>> lists = new ConcurrentHashMap<>();

    public CodeLists(CasehubHome home, ObjectMapper json) {
        this.home = home;
        this.json = json;
    }

    public Object lookup(String list, Object code) {
        if (code == null) {
            throw new UnknownCodeException("missing code for code list '" + list + "'");
        }
        Object value = entries(list).get(code.toString());
        if (value == null) {
            throw new UnknownCodeException("unknown code '" + code + "' in code list '" + list + "'");
        }
        return value;
    }

    /** Forgets loaded lists, so that edited files take effect. */
    public void reload() {
        lists.clear();
    }

    /** The entries of a code list's text; throws when it is not a JSON object. */
    public Map<String, Object> parse(String name, String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("code list " + name + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Makes the entries the running code list, in place of whatever its file says. */
    public void install(String name, Map<String, Object> entries) {
        lists.put(name, entries);
    }

    private Map<String, Object> entries(String list) {
        return lists.computeIfAbsent(list, name -> {
            if (!name.matches("[A-Za-z0-9.-]+")) {
                throw new UnknownCodeException("no code list named '" + name + "'");
            }
            return parse(name, home.read("mappings/codes/" + name + ".json"));
        });
    }

    public static class UnknownCodeException extends RuntimeException {
        public UnknownCodeException(String message) {
            super(message);
        }
    }
}
