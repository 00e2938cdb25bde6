package org.casehub.network;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The five-tier network and the delivery to its units.
 *
 * @param divisionsFile         the division registry, relative to the home folder (code,name rows)
 * @param nationalDivisions     blank (default): divisionsFile. Else a folder (absolute, or relative to the home
 *                              folder) with the national NBS files provinces.csv, cities.csv, areas.csv, streets.csv
 *                              and villages.csv (as shared/data/divisions/), loaded instead: every province's
 *                              divisions, for a hub serving more than Guangdong (about 665,000 rows; mind the heap)
 * @param zonesFile             the functional zones, relative to the home folder
 * @param zoneOfficialParents   whether a functional zone's official parents (龙岗区 for 大鹏; 汕尾市 and 海丰县 for
 *                              深汕) also receive the zone's cases; by default only the zone and, above it, Shenzhen do
 * @param extraParents          unit code → further units that receive every case of that unit (e.g. a
 *                              district's functional department)
 * @param queueUnits            division prefixes whose every unit gets a durable queue at start-up, with the
 *                              province above them and the zones whose parent lies inside them (and what they cover)
 * @param duplicateIdCacheSize  event ids the broker remembers per unit address for duplicate detection;
 *                              a unit receives a few events a day, so a small cache suffices and keeps memory low
 * @param deliveryBatchSize     outbox rows per Artemis transaction (one disk sync per transaction, not per message); a
 *                              case's event for its units is one row and a message to each (about six)
 */
@ConfigurationProperties("casehub.network")
public record NetworkProperties(
        @DefaultValue("config/network/divisions-44.csv") String divisionsFile,
        @DefaultValue("") String nationalDivisions,
        @DefaultValue("config/network/zones.yaml") String zonesFile,
        @DefaultValue("false") boolean zoneOfficialParents,
        Map<String, List<String>> extraParents,
        @DefaultValue("4403") List<String> queueUnits,
        @DefaultValue("2000") int duplicateIdCacheSize,
        @DefaultValue("200") int deliveryBatchSize) {

    @ConstructorBinding
    public NetworkProperties {
        extraParents = extraParents == null ? Map.of() : Map.copyOf(extraParents);
    }

    /** The defaults with another division registry, for code that builds the network outside Spring. */
    public NetworkProperties(String divisionsFile) {
        this(divisionsFile, "", "config/network/zones.yaml", false, Map.of(), List.of("4403"), 2000, 200);
    }
}
