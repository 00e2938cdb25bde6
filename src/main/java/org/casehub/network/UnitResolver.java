package org.casehub.network;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.casehub.network.FunctionalZones.Zone;
import org.springframework.stereotype.Component;

/**
 * Which units are responsible for a case: the province, the city, the district — or the functional
 * zone that administers the place, and above it the zone's city —, the street and the community, plus
 * configured extra parents. Each unit receives the case at its Artemis address casehub.unit.&lt;unit code&gt;.
 */
@Component
public class UnitResolver {

    public static final String ADDRESS_PREFIX = "casehub.unit.";
    public static final String DESTINATION_PREFIX = "artemis:" + ADDRESS_PREFIX;

    private final FunctionalZones zones;
    private final DivisionDirectory divisions;
    private final NetworkProperties properties;

    public UnitResolver(FunctionalZones zones, DivisionDirectory divisions, NetworkProperties properties) {
        this.zones = zones;
        this.divisions = divisions;
        this.properties = properties;
    }

    /**
     * The unit codes responsible for a case placed at this division code, from the province down. A zone's own
     * code (a case named only down to the zone) goes to the zone and above it.
     */
    public Set<String> unitsOf(String divisionCode) {
        Set<String> units = new LinkedHashSet<>();
        if (divisionCode == null || divisionCode.length() < 2) {
            return units;
        }
        Optional<Zone> placedAtZone = zones.zone(divisionCode);
        if (placedAtZone.isPresent()) {
            units.addAll(atZone(placedAtZone.get()));
            return withExtraParents(units);
        }
        Optional<Zone> zone = zoneOf(divisionCode);
        for (Tier tier : Tier.values()) {
            if (divisionCode.length() < tier.codeLength()) {
                break;
            }
            String code = divisionCode.substring(0, tier.codeLength());
            boolean officialAboveZone = zone.isPresent() && zone.get().covers().stream().noneMatch(code::startsWith);
            if (officialAboveZone && tier != Tier.PROVINCE && !properties.zoneOfficialParents()) {
                continue;
            }
            if (zone.isPresent() && tier == Tier.STREET) {
                units.add(zone.get().parent());
                units.add(zone.get().code());
            }
            units.add(code);
        }
        return withExtraParents(units);
    }

    /** A case named only down to a zone: the zone's parent and what is above it, the zone, and the official parents if configured. */
    private Set<String> atZone(Zone zone) {
        Set<String> units = new LinkedHashSet<>();
        for (Tier tier : Tier.values()) {
            if (tier.codeLength() <= zone.parent().length()) {
                units.add(zone.parent().substring(0, tier.codeLength()));
            }
        }
        units.add(zone.code());
        if (properties.zoneOfficialParents()) {
            for (String covered : zone.covers()) {
                for (Tier tier : Tier.values()) {
                    if (tier.codeLength() < covered.length()) {
                        units.add(covered.substring(0, tier.codeLength()));
                    }
                }
            }
        }
        return units;
    }

    private Set<String> withExtraParents(Set<String> units) {
        for (String unit : List.copyOf(units)) {
            units.addAll(properties.extraParents().getOrDefault(unit, List.of()));
        }
        return units;
    }

    /** Every unit that gets a durable queue at start-up (see {@link NetworkProperties#queueUnits()}). */
    public Set<String> provisionedUnits() {
        Set<String> units = new TreeSet<>();
        for (String prefix : properties.queueUnits()) {
            units.add(prefix.substring(0, Tier.PROVINCE.codeLength()));
            units.addAll(divisions.codesUnder(prefix));
            for (Zone zone : zones.zones()) {
                if (zone.parent().startsWith(prefix)) {
                    units.add(zone.code());
                    zone.covers().forEach(covered -> units.addAll(divisions.codesUnder(covered)));
                }
            }
        }
        properties.extraParents().values().forEach(units::addAll);
        return units;
    }

    public static String address(String unit) {
        return ADDRESS_PREFIX + unit;
    }

    /** The outbox destination of a unit. */
    public static String destination(String unit) {
        return DESTINATION_PREFIX + unit;
    }

    /**
     * The tier of a unit's destination — its address, or a channel of it such as its legal channel
     * ({@code casehub.unit.<code>.legal}: a unit's code holds no '.', Artemis' word separator) — by the length of the
     * unit's code ({@link Tier#key()}), {@value #OTHER_TIER} for a code of no tier's length; empty for any other
     * destination (a mediation body's, the unified feed's).
     */
    public static Optional<String> tierOf(String destination) {
        if (!destination.startsWith(DESTINATION_PREFIX)) {
            return Optional.empty();
        }
        String unit = destination.substring(DESTINATION_PREFIX.length());
        int channel = unit.indexOf('.');
        return Optional.of(Tier.of(channel < 0 ? unit : unit.substring(0, channel)).map(Tier::key).orElse(OTHER_TIER));
    }

    /** The tier of the units whose code has none of the five tiers' lengths (see {@link #tierOf}). */
    public static final String OTHER_TIER = "other";

    private Optional<Zone> zoneOf(String divisionCode) {
        Collection<Zone> all = zones.zones();
        return all.stream().filter(z -> z.covers().stream().anyMatch(divisionCode::startsWith)).findFirst();
    }
}
