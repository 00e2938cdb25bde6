package org.casehub.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.home.CasehubHome;
import org.springframework.stereotype.Component;

/**
 * The rule's data: which categories one matter may be filed under (mappings/codes/dedup-category-groups.json) and
 * how key facts are written (mappings/codes/dedup-key-facts.json). Read once at start.
 */
@Component
public class MatterVocabulary {

    static final String GROUPS_FILE = "mappings/codes/dedup-category-groups.json";
    static final String FACTS_FILE = "mappings/codes/dedup-key-facts.json";
    /** The group whose categories are compatible with every group. */
    static final String ANY = "any";

    private final Map<String, String> groupOfCategory = new HashMap<>();
    private final List<String> groups = new ArrayList<>();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    /** Where a company name ends; the name is the Han characters before it. */
    final Words companySuffixes;
    final int companyMaxLength;
    final Set<Integer> companyLeadIns;
    final List<String> companyPlacePrefixes;
    final Words amountWords;
    final Map<String, Long> amountUnits = new HashMap<>();
    final Words roadSuffixes;
    final Words numberSuffixes;
    final Words roomUnits;

    public MatterVocabulary(CasehubHome home, ObjectMapper json) {
        JsonNode groupsFile = read(home, json, GROUPS_FILE).path("groups");
        groupsFile.fields().forEachRemaining(group -> {
            if (!ANY.equals(group.getKey())) {
                groups.add(group.getKey());
            }
            group.getValue().forEach(category -> {
                String previous = groupOfCategory.put(category.asText(), group.getKey());
                if (previous != null) {
                    throw new IllegalStateException(GROUPS_FILE + ": category " + category.asText()
                            + " is in both " + previous + " and " + group.getKey());
                }
            });
        });
        JsonNode facts = read(home, json, FACTS_FILE);
        facts.fields().forEachRemaining(kind -> {
            if (kind.getValue().has("weight")) {
                weights.put(kind.getKey(), kind.getValue().path("weight").asDouble());
            }
        });
        JsonNode companyFacts = facts.path("company");
        companySuffixes = new Words(strings(companyFacts.path("suffixes")));
        companyMaxLength = companyFacts.path("maxLength").asInt(8);
        companyLeadIns = strings(companyFacts.path("leadIns")).stream().map(s -> s.codePointAt(0)).collect(Collectors.toSet());
        companyPlacePrefixes = strings(companyFacts.path("placePrefixes"));
        facts.path("amount").path("units").fields().forEachRemaining(u -> amountUnits.put(u.getKey(), u.getValue().asLong()));
        amountWords = new Words(new ArrayList<>(amountUnits.keySet()));
        roadSuffixes = new Words(strings(facts.path("address").path("roadSuffixes")));
        numberSuffixes = new Words(strings(facts.path("address").path("numberSuffixes")));
        roomUnits = new Words(strings(facts.path("room").path("units")));
    }

    /** The group of a category: its own name when the file does not list it, so that it matches only itself. */
    public String group(String category) {
        return category == null ? ANY : groupOfCategory.getOrDefault(category, category);
    }

    boolean listed(String category) {
        return groupOfCategory.containsKey(category);
    }

    /** Every group but {@value #ANY}: a record of the any-group is looked up under each. */
    List<String> groups() {
        return groups;
    }

    double weight(String kind) {
        return weights.getOrDefault(kind, 0.0);
    }

    private static JsonNode read(CasehubHome home, ObjectMapper json, String file) {
        try {
            return json.readTree(home.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
