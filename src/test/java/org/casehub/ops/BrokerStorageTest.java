package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.casehub.health.OpsProperties;
import org.junit.jupiter.api.Test;

class BrokerStorageTest {

    /** margin 10: warns from 80 % when the broker blocks at 90 % */
    private final BrokerStorage storage = new BrokerStorage(null, new OpsProperties(Duration.ofMinutes(5),
            Duration.ofSeconds(2), Duration.ofHours(24), 10_000, 10_000, Duration.ofSeconds(2), Duration.ofSeconds(15), 10,
            Duration.ofMinutes(5), Duration.ZERO));

    private String state(Double used, Integer max, boolean diskFull) {
        return storage.judged(true, used, max, diskFull, 0L, List.of()).state();
    }

    @Test
    void theDiskWarnsWithinTheMarginOfMaxDiskUsageAndIsFullAtIt() {
        assertThat(state(39.2, 90, false)).isEqualTo(BrokerStorage.OK);
        assertThat(state(79.9, 90, false)).isEqualTo(BrokerStorage.OK);
        assertThat(state(80.0, 90, false)).isEqualTo(BrokerStorage.WARNING);
        assertThat(state(90.0, 90, false)).isEqualTo(BrokerStorage.FULL);
        assertThat(state(50.0, 90, true)).as("the broker says its disk is full (min-disk-free)").isEqualTo(BrokerStorage.FULL);
        assertThat(storage.judged(true, 80.0, 90, false, 0L, List.of()).warnAtPercent()).isEqualTo(80);
    }

    @Test
    void aDiskNotMeasuredYetIsUnknownAndABrokerThatNeverBlocksNeverWarns() {
        assertThat(state(null, 90, false)).isEqualTo(BrokerStorage.UNKNOWN);
        assertThat(state(99.0, -1, false)).isEqualTo(BrokerStorage.OK);
    }

    @Test
    void thePagingUnitsAreCountedAndTheFirstTwentyNamed() {
        List<String> paging = IntStream.range(0, 25).mapToObj(i -> "440305" + String.format("%03d", i)).toList();

        BrokerStorage.Storage judged = storage.judged(true, 10.0, 90, false, 0L, paging);

        assertThat(judged.pagingUnits()).isEqualTo(25);
        assertThat(judged.paging()).hasSize(20).startsWith("440305000");
        assertThat(storage.judged(false, 10.0, 90, false, 0L, null).pagingUnits()).as("external: not known").isNull();
    }
}
