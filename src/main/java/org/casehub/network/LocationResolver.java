package org.casehub.network;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedProperties;
import org.casehub.core.FeedRecord;
import org.casehub.network.DivisionNames.AddressText;
import org.casehub.network.DivisionNames.Lookup;
import org.casehub.network.DivisionNames.Status;
import org.springframework.stereotype.Component;

/**
 * Fixes a case's place in the five-tier network and records how (location.resolution).
 * <ol>
 * <li>The mapping's division code (a petition's WTSDD, a grid code's community) fixes the place as far as the
 * registry knows it; a code it does not know falls back to its finest known prefix, and without any to the
 * feed's own city (method feed-default).</li>
 * <li>Below that, tier by tier, the division names the source wrote (location.names) and then the address text
 * find the child inside the division reached so far (see {@link DivisionNames}); a name is never looked for
 * outside its parent. Names at or above the code's tier are not consulted: the code wins.</li>
 * </ol>
 * method is what placed the finest tier reached: the mapping's code method (division-code, grid-code),
 * names, address, or feed-default. The case goes for manual routing (resolution.manualRouting) when
 * <ul>
 * <li>it stops above the street: no unit below the district would get it, so a person must pick the street;</li>
 * <li>a division code was given that the registry does not know as given;</li>
 * <li>a name the source gave did not resolve inside its parent, or matched several children: the case stays at
 * the parent, since the address must not overrule what the source named;</li>
 * <li>the address named several children of one division.</li>
 * </ul>
 * A case at its street without a community is routine: the street dispatches to its communities. An unplaceable
 * case is still indexed, never quarantined.
 * <p>A functional zone's name (大鹏新区, 深汕特别合作区, loosely written) stands where a district's would: the case
 * is placed at the zone's code, and the zone's streets or towns are then looked for among those it covers. One
 * named only down to the zone stays at the zone's code (level district) for manual routing to a street. A
 * district written the official way — the county of another city that holds the zone's towns (海丰县 for 深汕) —
 * leads into the zone when the street named is one the zone covers, and nowhere (manual routing) when it is not
 * ({@link DivisionNames#zoneOfficiallyWritten}); the same when the address text is written so.
 */
@Component("locationResolver")
public class LocationResolver {

    private static final Map<Tier, String> NAME_FIELDS = Map.of(
            Tier.DISTRICT, "district", Tier.STREET, "street", Tier.COMMUNITY, "community");

    private final DivisionDirectory divisions;
    private final FunctionalZones zones;
    private final DivisionNames names;
    private final FeedProperties feeds;

    public LocationResolver(DivisionDirectory divisions, FunctionalZones zones, DivisionNames names, FeedProperties feeds) {
        this.divisions = divisions;
        this.zones = zones;
        this.names = names;
        this.feeds = feeds;
    }

    public void locate(FeedRecord record) {
        ObjectNode location = record.canonical().with("location");
        ObjectNode resolution = location.with("resolution");
        String given = location.path("divisionCode").asText("");
        String code = finestKnown(given);
        String method = resolution.path("method").asText("");
        boolean manual = !given.isEmpty() && !given.equals(code);
        if (code == null) {
            code = feeds.feed(record.feed()).defaultDivision();
            method = "feed-default";
        }

        JsonNode written = location.path("names");
        AddressText address = names.address(location.path("address").asText(""), code);
        for (Tier tier = next(code); tier != null; tier = next(code)) {
            String name = NAME_FIELDS.containsKey(tier) ? written.path(NAME_FIELDS.get(tier)).asText("") : "";
            Lookup lookup;
            if (!name.isBlank()) {
                lookup = names.childNamed(code, name);
                if (lookup.status() == Status.NONE && tier == Tier.DISTRICT) {
                    lookup = names.zoneOfficiallyWritten(code, name, written.path("street").asText(""));
                }
                if (lookup.status() != Status.FOUND) {
                    manual = true;
                    break;
                }
                address.pass(lookup.code());
                method = "names";
            } else {
                lookup = address.childOf(code);
                if (lookup.status() == Status.NONE && tier == Tier.DISTRICT) {
                    lookup = address.zoneOfficiallyWritten(code);
                }
                if (lookup.status() != Status.FOUND) {
                    manual |= lookup.status() == Status.AMBIGUOUS;
                    break;
                }
                method = "address";
            }
            code = lookup.code();
        }

        Tier tier = Tier.of(code).orElseThrow();
        location.put("divisionCode", code);
        location.set("path", path(code, location));
        resolution.put("method", method);
        resolution.put("level", tier.key());
        resolution.put("manualRouting", manual || tier.compareTo(Tier.STREET) < 0);
    }

    /** The tier below the code's, or null at the community. */
    private static Tier next(String code) {
        Tier tier = Tier.of(code).orElseThrow();
        return tier == Tier.COMMUNITY ? null : Tier.values()[tier.ordinal() + 1];
    }

    private String finestKnown(String code) {
        for (Tier tier : new Tier[] {Tier.COMMUNITY, Tier.STREET, Tier.DISTRICT, Tier.CITY, Tier.PROVINCE}) {
            if (code.length() >= tier.codeLength()) {
                String prefix = code.substring(0, tier.codeLength());
                if (divisions.contains(prefix)) {
                    return prefix;
                }
            }
        }
        return null;
    }

    private ObjectNode path(String code, ObjectNode location) {
        ObjectNode path = location.objectNode();
        for (Tier tier : Tier.values()) {
            if (code.length() >= tier.codeLength()) {
                String prefix = code.substring(0, tier.codeLength());
                ObjectNode division = path.putObject(tier.key()).put("code", prefix);
                divisions.name(prefix).or(() -> zones.zone(prefix).map(FunctionalZones.Zone::name))
                        .ifPresent(name -> division.put("name", name));
            }
        }
        return path;
    }
}
