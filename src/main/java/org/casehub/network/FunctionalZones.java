package org.casehub.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.casehub.home.CasehubHome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The functional zones of {@code config/network/zones.yaml}: units of the network that the official codes
 * do not show (大鹏新区 inside 龙岗区's codes, 深汕特别合作区 inside 汕尾's), keyed by their unit code.
 * Checked when loaded: a zone's code can never be an official code, and its parent and covered codes must be.
 */
@Component
public class FunctionalZones {

    /** Digits and capital letters with at least one letter: never one of the all-digit official codes. */
    private static final Pattern ZONE_CODE = Pattern.compile("(?=[0-9A-Z]*[A-Z])[0-9A-Z]{2,12}");

    /**
     * @param code   the zone's unit code
     * @param name   the zone's name
     * @param parent the official unit above the zone
     * @param covers the official codes the zone administers, each with everything below it
     * @param names  other ways people write the zone's name (abbreviations, the administration's name), besides
     *               what {@link NameNormalizer} already allows for
     */
    public record Zone(String code, String name, String parent, List<String> covers, List<String> names) {
    }

    record Definition(String name, String parent, List<String> covers, List<String> names) {
    }

    private final Map<String, Zone> zones;

    @Autowired
    FunctionalZones(CasehubHome home, NetworkProperties network, DivisionDirectory divisions) {
        this(home.resource(network.zonesFile()), divisions::contains);
    }

    /**
     * @param file         the zones file
     * @param officialCode whether a code is in the official division registry
     */
    public FunctionalZones(Resource file, Predicate<String> officialCode) {
        this.zones = checked(read(file), officialCode, file.getDescription());
    }

    public Optional<Zone> zone(String code) {
        return Optional.ofNullable(zones.get(code));
    }

    public Collection<Zone> zones() {
        return zones.values();
    }

    private static Map<String, Definition> read(Resource file) {
        try {
            Binder binder = new Binder(ConfigurationPropertySources.from(
                    new YamlPropertySourceLoader().load(file.getDescription(), file)));
            return binder.bind("zones", Bindable.mapOf(String.class, Definition.class)).orElse(Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the functional zones " + file.getDescription(), e);
        }
    }

    private static Map<String, Zone> checked(Map<String, Definition> definitions, Predicate<String> officialCode,
            String origin) {
        List<String> problems = new ArrayList<>();
        Map<String, Zone> zones = new LinkedHashMap<>();
        Map<String, String> coveredBy = new LinkedHashMap<>();
        definitions.forEach((code, definition) -> {
            if (!ZONE_CODE.matcher(code).matches()) {
                problems.add("zone code " + code + " must be 2 to 12 digits and capital letters with at least one letter");
            }
            if (definition.name() == null || definition.name().isBlank()) {
                problems.add("zone " + code + " has no name");
            }
            if (definition.parent() == null || !officialCode.test(definition.parent())) {
                problems.add("zone " + code + " has the parent " + definition.parent() + ", not an official division code");
            }
            List<String> covers = definition.covers() == null ? List.of() : List.copyOf(definition.covers());
            if (covers.isEmpty()) {
                problems.add("zone " + code + " covers nothing");
            }
            for (String covered : covers) {
                if (!officialCode.test(covered)) {
                    problems.add("zone " + code + " covers " + covered + ", not an official division code");
                }
                coveredBy.forEach((other, otherZone) -> {
                    if (covered.startsWith(other) || other.startsWith(covered)) {
                        problems.add("zone " + code + " covers " + covered + ", which overlaps " + other
                                + " of zone " + otherZone);
                    }
                });
                coveredBy.put(covered, code);
            }
            List<String> names = definition.names() == null ? List.of() : List.copyOf(definition.names());
            zones.put(code, new Zone(code, definition.name(), definition.parent(), covers, names));
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid functional zones in " + origin + ": " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(zones);
    }
}
