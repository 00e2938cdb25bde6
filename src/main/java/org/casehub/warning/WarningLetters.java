package org.casehub.warning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.home.CasehubHome;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.FunctionalZones;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a warning's letter (预警提示函) from the template in the home folder ({@code casehub.warning.letter-template},
 * config/warning-letter.yaml), read at each warning so that an edit shows in the next one: the placeholders filled
 * with the unit's and district's names (config/network), the category's (mappings/codes/categories.json), the
 * rule's and the sources' names (the template's own lists). An unknown placeholder is left as written.
 */
@Component
public class WarningLetters {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final String CATEGORIES = "mappings/codes/categories.json";

    private final CasehubHome home;
    private final WarningProperties properties;
    private final DivisionDirectory divisions;
    private final FunctionalZones zones;
    private final ObjectMapper json;

    public WarningLetters(CasehubHome home, WarningProperties properties, DivisionDirectory divisions,
                          FunctionalZones zones, ObjectMapper json) {
        this.home = home;
        this.properties = properties;
        this.divisions = divisions;
        this.zones = zones;
        this.json = json;
    }

    /** A letter's title and text. */
    public record Letter(String title, String body) {
    }

    /** The letter of a warning about to be raised. */
    Letter write(WarningRepository.WarningRow w, List<String> feeds) {
        Map<String, Object> template = new Yaml().load(home.read(properties.letterTemplate()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("warningId", w.warningId());
        values.put("unit", w.unitCode());
        values.put("unitName", name(w.unitCode()));
        values.put("district", w.districtCode() == null ? "" : w.districtCode());
        values.put("districtName", w.districtCode() == null ? "" : name(w.districtCode()));
        values.put("category", w.category());
        values.put("categoryName", categoryName(w.category()));
        values.put("windowStart", w.windowStart().toString());
        values.put("windowEnd", w.windowEnd().toString());
        values.put("observed", Integer.toString(w.observed()));
        values.put("expected", String.format(Locale.ROOT, "%.1f", w.expected()));
        values.put("probability", String.format(Locale.ROOT, "%.1g", w.probability()));
        values.put("ruleName", listed(template, "rules", w.rule()));
        values.put("sourceNames", String.join("、", feeds.stream().map(f -> listed(template, "sources", f)).toList()));
        values.put("cases", Integer.toString(caseCount(w.caseIds())));
        return new Letter(fill(String.valueOf(template.get("title")), values), fill(String.valueOf(template.get("body")), values));
    }

    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String name(String code) {
        return zones.zone(code).map(FunctionalZones.Zone::name).or(() -> divisions.name(code)).orElse(code);
    }

    private String categoryName(String category) {
        JsonNode names = readJson(home.read(CATEGORIES));
        return names.path(category).asText(category);
    }

    @SuppressWarnings("unchecked")
    private static String listed(Map<String, Object> template, String list, String key) {
        Object names = template.get(list);
        Object name = names instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        return name == null ? key : name.toString();
    }

    private int caseCount(String caseIds) {
        return readJson(caseIds).size();
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }
}
