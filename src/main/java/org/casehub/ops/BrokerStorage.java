package org.casehub.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.ActiveMQServerControl;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.paging.PagingManager;
import org.apache.activemq.artemis.core.paging.PagingStore;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.casehub.health.OpsProperties;
import org.casehub.network.UnitResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Artemis broker's disk and paging, as they threaten unit delivery: units whose systems do not consume page their
 * messages to disk (they are kept), and once the disk holding the broker's data is fuller than its
 * {@code max-disk-usage} Artemis blocks every producer — delivery to all units stalls. Read from the embedded broker
 * in-process (disk, memory, and which unit addresses page), or from an external one through its management address
 * (disk and memory only: which addresses page is not asked of it, one request per address). Fails soft: unknown when
 * the broker does not answer.
 */
@Component
public class BrokerStorage {

    public static final String OK = "ok";
    public static final String WARNING = "warning";
    public static final String FULL = "full";
    public static final String UNKNOWN = "unknown";
    private static final Logger log = LoggerFactory.getLogger(BrokerStorage.class);
    private static final int PAGING_SHOWN = 20;

    private final ArtemisManagement management;
    private final int warningMargin;

    BrokerStorage(ArtemisManagement management, OpsProperties ops) {
        this.management = management;
        this.warningMargin = ops.brokerDiskWarningMargin();
    }

    /**
     * @param state            {@value #OK}; {@value #WARNING} within the warning margin of max-disk-usage; {@value #FULL}
     *                         at or past it (producers blocked); {@value #UNKNOWN} when the broker did not tell
     * @param diskUsedPercent  of the disk holding the broker's data, as the broker last measured it
     * @param maxDiskUsage     percent at which the broker blocks producers (negative: never)
     * @param warnAtPercent    percent from which the state is {@value #WARNING}
     * @param addressMemory    bytes of messages the broker holds in memory, all addresses
     * @param pagingUnits      unit addresses paging to disk; null when not known (an external broker)
     * @param paging           their unit codes, at most 20
     */
    public record Storage(boolean available, String error, boolean embedded, String state, Double diskUsedPercent,
                          Integer maxDiskUsage, Integer warnAtPercent, Long addressMemory, Integer pagingUnits,
                          List<String> paging) {
    }

    public Storage storage() {
        Optional<ActiveMQServer> embedded = management.embedded();
        try {
            if (embedded.isPresent()) {
                return embedded(embedded.get());
            }
            return judged(false, fraction(management.attribute(Double.class, ResourceNames.BROKER, "DiskStoreUsage")),
                    management.attribute(Integer.class, ResourceNames.BROKER, "MaxDiskUsage"), false,
                    management.attribute(Long.class, ResourceNames.BROKER, "AddressMemoryUsage"), null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("broker storage unknown: {}", e.getMessage());
            return new Storage(false, e.getMessage(), embedded.isPresent(), UNKNOWN, null, null, null, null,
                    null, List.of());
        }
    }

    private Storage embedded(ActiveMQServer server) throws Exception {
        ActiveMQServerControl control = server.getActiveMQServerControl();
        PagingManager pagingManager = server.getPagingManager();
        List<String> paging = new ArrayList<>();
        for (SimpleString address : pagingManager.getStoreNames()) {
            String name = address.toString();
            if (name.startsWith(UnitResolver.ADDRESS_PREFIX)) {
                PagingStore store = pagingManager.getPageStore(address);
                if (store != null && store.isPaging()) {
                    paging.add(name.substring(UnitResolver.ADDRESS_PREFIX.length()));
                }
            }
        }
        paging.sort(null);
        return judged(true, fraction(control.getDiskStoreUsage()), control.getMaxDiskUsage(), pagingManager.isDiskFull(),
                control.getAddressMemoryUsage(), paging);
    }

    Storage judged(boolean isEmbedded, Double used, Integer max, boolean diskFull, Long memory, List<String> paging) {
        Integer warnAt = max == null || max < 0 ? null : Math.max(0, max - warningMargin);
        String state;
        if (diskFull || used != null && max != null && max >= 0 && used >= max) {
            state = FULL;
        } else if (used == null || max == null) {
            state = UNKNOWN;
        } else if (warnAt != null && used >= warnAt) {
            state = WARNING;
        } else {
            state = OK;
        }
        return new Storage(true, null, isEmbedded, state, used, max, warnAt, memory,
                paging == null ? null : paging.size(),
                paging == null ? List.of() : List.copyOf(paging.subList(0, Math.min(PAGING_SHOWN, paging.size()))));
    }

    /**
     * The broker's usage (a fraction of 1) in percent, rounded to 0.1; null while it has not measured: it reads 0 until
     * its first disk scan (every disk-scan-period, 5 s), and no disk holding a journal is empty.
     */
    private static Double fraction(Double usage) {
        if (usage == null || usage.isNaN() || usage <= 0) {
            return null;
        }
        return Math.round(usage * 1000) / 10.0;
    }
}
