package org.casehub.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.casehub.network.DivisionDirectory;
import org.casehub.network.Tier;
import org.casehub.network.FunctionalZones;
import org.casehub.network.FunctionalZones.Zone;
import org.springframework.stereotype.Component;

/**
 * Turns a scope as configured (a division code at any tier, or a functional zone's code) into the
 * {@link DivisionScope} that restricts queries, with the functional zones laid over the official codes:
 * <ul>
 * <li>a zone sees the divisions it covers and the cases placed at its own code;</li>
 * <li>an official unit at or above a zone's parent (4403, 44) also sees what the zone covers, even where
 * the official codes place it elsewhere (深汕's towns under 汕尾);</li>
 * <li>an official unit that does not administer a zone does not see the divisions the zone took over,
 * although its code is their prefix (龙岗区 does not see 大鹏新区's streets, 海丰县 not 深汕's towns);</li>
 * <li>a division inside a zone (a street of 大鹏) sees itself and what is below it.</li>
 * </ul>
 */
@Component
public class DivisionScopes {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final DivisionDirectory divisions;
    private final FunctionalZones zones;

    public DivisionScopes(DivisionDirectory divisions, FunctionalZones zones) {
        this.divisions = divisions;
        this.zones = zones;
    }

    /**
     * @throws IllegalArgumentException if the code is neither a known division code nor a zone's code
     */
    public DivisionScope resolve(String scope) {
        String code = scope == null ? "" : scope.strip();
        Optional<Zone> zone = zones.zone(code);
        if (zone.isPresent()) {
            // what it covers, and the cases named only down to the zone, placed at its own code
            List<String> includes = new ArrayList<>(zone.get().covers());
            includes.add(code);
            return new DivisionScope(code, "zone", zone.get().name(), includes, List.of());
        }
        Tier tier = Tier.of(code).filter(t -> DIGITS.matcher(code).matches()).orElseThrow(() -> new IllegalArgumentException(
                "scope '" + code + "' is neither a division code (2, 4, 6, 9 or 12 digits) nor a functional zone's code"));
        String name = divisions.name(code).orElseThrow(() -> new IllegalArgumentException(
                "scope " + code + " is not in the division registry"));
        List<String> includes = new ArrayList<>(List.of(code));
        List<String> excludes = new ArrayList<>();
        for (Zone each : zones.zones()) {
            boolean administers = each.parent().startsWith(code);
            for (String covered : each.covers()) {
                if (code.startsWith(covered)) {
                    // the scope lies inside the zone: its own code already says everything
                    continue;
                }
                boolean officiallyBelow = covered.startsWith(code);
                if (administers && !officiallyBelow) {
                    includes.add(covered);
                } else if (!administers && officiallyBelow) {
                    excludes.add(covered);
                }
            }
        }
        return new DivisionScope(code, tier.key(), name, includes, excludes);
    }
}
