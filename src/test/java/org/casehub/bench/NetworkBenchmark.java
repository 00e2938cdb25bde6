package org.casehub.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedProperties;
import org.casehub.core.FeedProperties.Feed;
import org.casehub.core.FeedProperties.VersionFormat;
import org.casehub.core.FeedRecord;
import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.DivisionNames;
import org.casehub.network.FunctionalZones;
import org.casehub.network.LocationResolver;
import org.casehub.network.NameNormalizer;
import org.casehub.network.NetworkProperties;
import org.casehub.network.UnitResolver;
import org.springframework.core.io.FileSystemResource;

/**
 * Resolutions per second of the location step, for places given by code, by division names and by
 * address text only, over every Shenzhen community; and unit sets per second. In memory, one thread.
 * Run: {@code mvn -Pbench -DskipTests verify} (after the pipeline benchmark).
 */
public final class NetworkBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) {
        CasehubHome home = new CasehubHome(new HomeProperties("."));
        NetworkProperties network = new NetworkProperties("config/network/divisions-44.csv");
        DivisionDirectory divisions = new DivisionDirectory(home, network);
        FunctionalZones zones = new FunctionalZones(new FileSystemResource("config/network/zones.yaml"), divisions::contains);
        LocationResolver resolver = new LocationResolver(divisions, zones,
                new DivisionNames(divisions, zones, new NameNormalizer(home)), new FeedProperties(Map.of("bench", new Feed("bench", "none", null, null, null, null, true, "/id", "/v",
                        VersionFormat.NUMBER, "4403"))));
        UnitResolver units = new UnitResolver(zones, divisions, network);
        List<String> communities = divisions.codesUnder("4403", 12);

        System.out.printf("%n=== casehub network benchmark (%d Shenzhen communities) ===%n", communities.size());
        measure("by code", communities, code -> location(code, null, null), resolver);
        measure("by names", communities, code -> location(null, names(divisions, code), null), resolver);
        measure("by address", communities, code -> location(null, null, address(divisions, code)), resolver);
        int rounds = 200_000;
        long start = System.nanoTime();
        int total = 0;
        for (int i = 0; i < rounds; i++) {
            total += units.unitsOf(communities.get(i % communities.size())).size();
        }
        System.out.printf("unit sets         %.0f /s (%d units)%n%n", rounds / ((System.nanoTime() - start) / 1e9), total);
    }

    private static void measure(String label, List<String> communities, Function<String, ObjectNode> place,
                                LocationResolver resolver) {
        int rounds = 50_000;
        int community = 0;
        long start = 0;
        for (int i = -5_000; i < rounds; i++) {
            if (i == 0) {
                start = System.nanoTime();
                community = 0;
            }
            FeedRecord record = new FeedRecord("bench", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now());
            ObjectNode canonical = JSON.createObjectNode();
            canonical.set("location", place.apply(communities.get(Math.floorMod(i, communities.size()))));
            record.mapped(canonical);
            resolver.locate(record);
            if (i >= 0 && "community".equals(canonical.path("location").path("resolution").path("level").asText())) {
                community++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-17s %.0f resolutions/s, %.1f%% to the community%n", label, rounds / seconds, 100.0 * community / rounds);
    }

    private static ObjectNode location(String code, ObjectNode names, String address) {
        ObjectNode location = JSON.createObjectNode();
        if (code != null) {
            location.put("divisionCode", code);
            location.putObject("resolution").put("method", "division-code").put("level", "community");
        } else {
            location.putObject("resolution").put("method", names != null ? "names" : "address").put("level", "city");
        }
        if (names != null) {
            location.set("names", names);
        }
        if (address != null) {
            location.put("address", address);
        }
        return location;
    }

    private static ObjectNode names(DivisionDirectory divisions, String community) {
        return JSON.createObjectNode()
                .put("district", divisions.name(community.substring(0, 6)).orElse(""))
                .put("street", divisions.name(community.substring(0, 9)).orElse(""))
                .put("community", divisions.name(community).orElse(""));
    }

    private static String address(DivisionDirectory divisions, String community) {
        return divisions.name(community.substring(0, 6)).orElse("") + divisions.name(community.substring(0, 9)).orElse("")
                + divisions.name(community).orElse("") + "梅观路16号";
    }
}
