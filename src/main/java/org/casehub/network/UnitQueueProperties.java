package org.casehub.network;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much of the embedded broker's memory each unit's address may hold (see {@link UnitAddressSettings}). A unit
 * whose system does not consume keeps receiving every case of its jurisdiction (the province's receives all):
 * above {@code memoryPerUnit} its messages are paged to disk — kept, never dropped, never expired — so that
 * ~900 unconsumed units cannot fill the heap. Disk is then the limit: the {@code artemisStorage} health and
 * the {@code casehub_artemis_disk_*} gauges warn before the broker's max-disk-usage blocks delivery.
 *
 * @param memoryPerUnit messages a unit address holds in memory before it pages to disk (Artemis max-size-bytes)
 * @param pageSize      size of each page file of a paging unit address (Artemis page-size-bytes)
 */
@ConfigurationProperties("casehub.unit-queues")
public record UnitQueueProperties(
        @DefaultValue("256KB") DataSize memoryPerUnit,
        @DefaultValue("1MB") DataSize pageSize) {

    public UnitQueueProperties {
        if (memoryPerUnit.toBytes() < 1 || pageSize.toBytes() < 1 || pageSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("casehub.unit-queues.memory-per-unit and page-size must be positive"
                    + " (page-size below 2 GB)");
        }
    }
}
