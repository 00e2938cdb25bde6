package org.casehub.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casehub.network.NameNormalizer.Parsed;
import org.springframework.stereotype.Component;

/**
 * Finds a division by the name people give it, always inside a known parent, never elsewhere: a
 * same-named community of another street is not a candidate. A functional zone is a child of its city, by
 * its name and the forms config/network/zones.yaml lists, and the streets it covers are its children. Indexed once at start-up, by parent and
 * normalised name, so a lookup is a few hash probes; an address text is read tier by tier, trying only
 * the children of the division reached so far.
 */
@Component
public class DivisionNames {

    public enum Status { FOUND, AMBIGUOUS, NONE }

    /** The outcome of a lookup; code is set only when exactly one child was found. */
    public record Lookup(Status status, String code) {

        static final Lookup NONE = new Lookup(Status.NONE, null);
        static final Lookup AMBIGUOUS = new Lookup(Status.AMBIGUOUS, null);

        static Lookup of(Set<String> codes) {
            if (codes.isEmpty()) {
                return NONE;
            }
            return codes.size() == 1 ? new Lookup(Status.FOUND, codes.iterator().next()) : AMBIGUOUS;
        }
    }

    /**
     * How a division may be written in an address: strong forms (its full name, its core with the kind
     * written out, e.g. 京光社区) and, when it is at least two characters and no sibling shares it, the bare core.
     */
    private record Forms(List<String> strong, String core) {
    }

    private static final String FULL = "n:", TYPED = "t:", CORE = "c:";

    private final NameNormalizer normalizer;
    private final Map<String, List<String>> children = new HashMap<>();
    /** parent code + key kind + normalised key → the children written so. */
    private final Map<String, Set<String>> byName = new HashMap<>();
    private final Map<String, Forms> forms = new HashMap<>();
    private final FunctionalZones zones;

    public DivisionNames(DivisionDirectory divisions, FunctionalZones zones, NameNormalizer normalizer) {
        this.normalizer = normalizer;
        this.zones = zones;
        Map<String, List<String>> strong = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        Map<String, String> ownCores = new HashMap<>();
        Map<String, Set<String>> siblingsByCore = new HashMap<>();
        for (Tier tier : Tier.values()) {
            for (String code : divisions.codesUnder("", tier.codeLength())) {
                String parent = tier == Tier.PROVINCE ? "" : code.substring(0, previous(tier).codeLength());
                List<String> names = writtenForms(divisions, code);
                strong.put(code, List.copyOf(register(parent, code, names, siblingsByCore)));
                parents.put(code, parent);
                ownCores.put(code, normalizer.parse(names.get(names.size() - 1)).core());
            }
        }
        for (FunctionalZones.Zone zone : zones.zones()) {
            // a zone stands where a district would, among its city's districts, so only a zone under a city is named
            if (zone.parent().length() != Tier.CITY.codeLength()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            names.add(normalizer.normalize(zone.name()));
            zone.names().forEach(name -> names.add(normalizer.normalize(name)));
            Set<String> written = register(zone.parent(), zone.code(), names, siblingsByCore);
            // a form without a division suffix (深汕) is taken from a district-name field, never read in an address
            written.removeIf(form -> normalizer.parse(form).kind() == null);
            strong.put(zone.code(), List.copyOf(written));
            parents.put(zone.code(), zone.parent());
            ownCores.put(zone.code(), normalizer.parse(names.get(0)).core());
            // below the zone, its streets and towns: what it covers, at the street tier
            for (String covered : zone.covers()) {
                for (String street : divisions.codesUnder(covered, Tier.STREET.codeLength())) {
                    register(zone.code(), street, writtenForms(divisions, street), siblingsByCore);
                }
            }
        }
        strong.forEach((code, written) -> forms.put(code,
                new Forms(written, looseCore(parents.get(code), ownCores.get(code), siblingsByCore))));
    }

    /** Indexes a child of parent by the names it is written with; the forms that name it strongly. */
    private Set<String> register(String parent, String code, List<String> names, Map<String, Set<String>> siblingsByCore) {
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(code);
        Set<String> written = new LinkedHashSet<>();
        for (String name : names) {
            Parsed parsed = normalizer.parse(name);
            index(parent, FULL + name, code);
            index(parent, CORE + parsed.core(), code);
            written.add(name);
            if (parsed.kind() != null) {
                index(parent, TYPED + parsed.core() + '|' + parsed.kind(), code);
                written.add(parsed.core() + parsed.kind());
            }
            siblingsByCore.computeIfAbsent(parent + '|' + parsed.core(), k -> new LinkedHashSet<>()).add(code);
        }
        return written;
    }

    /**
     * The functional zone under parent that a district written the official way leads to: the district is one of
     * another city whose streets or towns a zone covers (海丰县 for 深汕特别合作区's towns), and the street written is
     * one the zone covers and lies in that district. A street the zone does not cover leads nowhere: the place is
     * outside the zone. Read from config/network/zones.yaml alone.
     */
    public Lookup zoneOfficiallyWritten(String parent, String district, String street) {
        Set<String> found = new LinkedHashSet<>();
        for (FunctionalZones.Zone zone : zones.zones()) {
            Lookup covered = zone.parent().equals(parent) ? childNamed(zone.code(), street) : Lookup.NONE;
            if (covered.status() == Status.FOUND) {
                String official = covered.code().substring(0, Tier.DISTRICT.codeLength());
                Lookup named = childNamed(official.substring(0, Tier.CITY.codeLength()), district);
                if (official.equals(named.code())) {
                    found.add(zone.code());
                }
            }
        }
        return Lookup.of(found);
    }

    /** The child of parent that the given name denotes, as people write it (with or without its suffix). */
    public Lookup childNamed(String parent, String name) {
        String given = normalizer.normalize(name);
        if (given.isEmpty()) {
            return Lookup.NONE;
        }
        Parsed parsed = normalizer.parse(given);
        // most specific first: the name as registered, the core with its kind, then the core alone
        // (大浪镇 for 大浪街道, 沙田村 for a village that became 沙田社区)
        List<String> keys = new ArrayList<>(List.of(FULL + given));
        if (parsed.kind() != null) {
            keys.add(TYPED + parsed.core() + '|' + parsed.kind());
        }
        keys.add(CORE + given);
        keys.add(CORE + parsed.core());
        for (String key : keys) {
            Set<String> codes = byName.get(parent + '|' + key);
            if (codes != null) {
                return Lookup.of(codes);
            }
        }
        return Lookup.NONE;
    }

    /** An address text, to be read from the given division down; the names of that division and above are passed. */
    public AddressText address(String text, String fixed) {
        AddressText address = new AddressText(normalizer.normalize(text));
        for (Tier tier : Tier.values()) {
            if (fixed.length() >= tier.codeLength()) {
                address.pass(fixed.substring(0, tier.codeLength()));
            }
        }
        return address;
    }

    /**
     * An address read as written, from the larger division to the smaller: each child is looked for
     * after the place where its parent was written, so that 光明街道 is not taken for its 光明社区.
     */
    public final class AddressText {

        private final String text;
        private int from;

        private AddressText(String text) {
            this.text = text;
        }

        /** The one child of parent that the text names, by a strong form if any does, else by a bare core. */
        public Lookup childOf(String parent) {
            List<String> found = new ArrayList<>();
            List<int[]> spans = new ArrayList<>();
            List<Boolean> strong = new ArrayList<>();
            for (String child : children.getOrDefault(parent, List.of())) {
                Forms written = forms.get(child);
                int[] span = find(written.strong());
                boolean isStrong = span != null;
                if (span == null && written.core() != null) {
                    span = find(List.of(written.core()));
                }
                if (span != null) {
                    spans.add(span);
                    found.add(child);
                    strong.add(isStrong);
                }
            }
            boolean anyStrong = false;
            for (int i = 0; i < found.size(); i++) {
                anyStrong |= strong.get(i) && !insideAnother(spans, i);
            }
            Set<String> codes = new LinkedHashSet<>();
            int end = from;
            for (int i = 0; i < found.size(); i++) {
                // a name inside another child's name (新围 in 新围仔) is not a mention of its own
                if (strong.get(i) == anyStrong && !insideAnother(spans, i)) {
                    codes.add(found.get(i));
                    end = spans.get(i)[1];
                }
            }
            Lookup lookup = Lookup.of(codes);
            if (lookup.status() == Status.FOUND) {
                from = end;
            }
            return lookup;
        }

        /**
         * The functional zone under parent that the text reaches the official way: it names the district of another
         * city that holds one of the zone's streets or towns (海丰县 for 深汕), then that street or town. The district's
         * name is passed, the street is left for the next tier; a street the zone does not cover leads nowhere.
         */
        public Lookup zoneOfficiallyWritten(String parent) {
            Set<String> found = new LinkedHashSet<>();
            int end = from;
            for (FunctionalZones.Zone zone : zones.zones()) {
                for (String covered : zone.parent().equals(parent) ? zone.covers() : List.<String>of()) {
                    String official = covered.substring(0, Tier.DISTRICT.codeLength());
                    int[] district = forms.containsKey(official) ? find(forms.get(official).strong()) : null;
                    if (district != null) {
                        int before = from;
                        from = district[1];
                        Lookup street = childOf(zone.code());
                        from = before;
                        if (street.status() == Status.FOUND && street.code().startsWith(official)) {
                            found.add(zone.code());
                            end = district[1];
                        }
                    }
                }
            }
            Lookup lookup = Lookup.of(found);
            if (lookup.status() == Status.FOUND) {
                from = end;
            }
            return lookup;
        }

        /** Steps past the place where the text writes this division's name, if it does. */
        public void pass(String code) {
            Forms written = forms.get(code);
            int[] span = written == null ? null : find(written.strong());
            if (span != null) {
                from = span[1];
            }
        }

        private int[] find(List<String> written) {
            for (String form : written) {
                int at = text.indexOf(form, from);
                if (at >= 0) {
                    return new int[] {at, at + form.length()};
                }
            }
            return null;
        }

        private static boolean insideAnother(List<int[]> spans, int i) {
            int[] own = spans.get(i);
            for (int j = 0; j < spans.size(); j++) {
                int[] other = spans.get(j);
                if (j != i && other[0] <= own[0] && own[1] <= other[1] && other[1] - other[0] > own[1] - own[0]) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The division's registered name and, where the registry prefixes it with its parents' names
     * (源城区源西街道光明社区居民委员会), the name without them.
     */
    private List<String> writtenForms(DivisionDirectory divisions, String code) {
        String name = normalizer.normalize(divisions.name(code).orElse(""));
        String own = name;
        for (Tier tier : Tier.values()) {
            if (tier.codeLength() < code.length()) {
                String ancestor = normalizer.normalize(divisions.name(code.substring(0, tier.codeLength())).orElse(""));
                if (!ancestor.isEmpty() && own.startsWith(ancestor)
                        && normalizer.parse(own.substring(ancestor.length())).kind() != null) {
                    own = own.substring(ancestor.length());
                }
            }
        }
        return own.equals(name) ? List.of(name) : List.of(name, own);
    }

    private void index(String parent, String key, String code) {
        byName.computeIfAbsent(parent + '|' + key, k -> new LinkedHashSet<>(2)).add(code);
    }

    /** The bare core of the division's own name, if it is long and unshared enough to be read in an address. */
    private static String looseCore(String parent, String core, Map<String, Set<String>> cores) {
        boolean unshared = cores.get(parent + '|' + core).size() == 1;
        return unshared && core.codePointCount(0, core.length()) >= 2 ? core : null;
    }

    private static Tier previous(Tier tier) {
        return Tier.values()[tier.ordinal() - 1];
    }
}
