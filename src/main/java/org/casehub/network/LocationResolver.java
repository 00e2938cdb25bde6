package org.casehub.network;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.feed.FeedProperties;
import org.casehub.feed.FeedRecord;
import org.springframework.stereotype.Component;

/**
 * Fixes a case's place in the five-tier network: the finest official division the mapping's code
 * reaches, and the path above it with names. A code the registry does not know falls back to its
 * finest known prefix, then to the feed's own city, and the case is flagged for manual routing:
 * an unplaceable case is still indexed, never quarantined.
 */
@Component("locationResolver")
public class LocationResolver {

    private final DivisionDirectory divisions;
    private final FeedProperties feeds;

    public LocationResolver(DivisionDirectory divisions, FeedProperties feeds) {
        this.divisions = divisions;
        this.feeds = feeds;
    }

    public void locate(FeedRecord record) {
        ObjectNode location = record.canonical().with("location");
        String given = location.path("divisionCode").asText("");
        String code = finestKnown(given);
        ObjectNode resolution = location.with("resolution");
        if (code == null) {
            code = feeds.feed(record.feed()).defaultDivision();
            resolution.put("method", "feed-default");
        }
        Tier tier = Tier.of(code).orElseThrow();
        location.put("divisionCode", code);
        location.set("path", path(code, location));
        resolution.put("level", tier.key());
        resolution.put("manualRouting", !code.equals(given));
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
                divisions.name(prefix).ifPresent(name -> division.put("name", name));
            }
        }
        return path;
    }
}
