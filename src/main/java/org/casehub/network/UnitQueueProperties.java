package org.casehub.network;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much of the embedded broker's memory each unit's address may hold (see {@link UnitAddressSettings}). A unit
 * whose system does not consume keeps receiving every case of its jurisdiction (the province's receives all):
 * above {@code memoryPerUnit} its messages are paged to disk — kept, never dropped, never expired —, and past the
 * broker's global max size every address pages, so that ~900 unconsumed units cannot fill the heap. Disk is then the
 * limit: the {@code artemisStorage} health and the {@code casehub_artemis_disk_*} gauges warn before the broker's
 * max-disk-usage blocks delivery.
 *
 * <p>{@code memoryPerUnit} must hold what a unit that keeps up has in flight, or its address pages all the same —
 * every message written to a page file and read back, the broker's largest cost per record in the throughput
 * benchmark (issue 18): one delivery transaction brings the province's and the city's address a message for each of
 * its events (the production profile's 1,000 rows: ~200 messages, ~1.8 MB), and the unit's client holds up to its
 * consumer window (the JMS client's default: 1 MB) delivered and, acknowledging in batches, unacknowledged.
 *
 * <p>A paging queue keeps in memory, whether or not anyone consumes it, the page file its cursor reads (a whole
 * {@code pageSize}: Artemis' own default is 10 MB) and the messages it has read from its pages ahead of its consumers
 * (up to {@code readAhead}; Artemis' own default is two pages). Unbounded by these, ~900 paging queues held most of a
 * 1 GiB embedded hub's heap in the throughput benchmark (issue 18); a unit message is ~9 KB on the broker (the case's
 * JSON as UTF-16 text). Apart from that, the broker reads no more of a paging queue while what it holds read ahead
 * and has delivered without acknowledgement reaches {@code unacknowledged}: a unit system that acknowledges in
 * batches (the JMS client's DUPS_OK mode does every 1 MB) stalls for good below its batch.
 *
 * @param memoryPerUnit  messages a unit address holds in memory before it pages to disk (Artemis max-size-bytes):
 *                       above what a unit that keeps up has in flight
 * @param pageSize       size of each page file of a paging unit address (Artemis page-size-bytes)
 * @param readAhead      messages a paging unit queue holds read from its pages ahead of its consumers (Artemis
 *                       prefetch-page-bytes)
 * @param unacknowledged messages a paging unit queue holds read ahead and delivered without acknowledgement, past
 *                       which it reads no more from its pages (Artemis max-read-page-bytes): above any unit system's
 *                       acknowledgement batch
 */
@ConfigurationProperties("casehub.unit-queues")
public record UnitQueueProperties(
        @DefaultValue("4MB") DataSize memoryPerUnit,
        @DefaultValue("64KB") DataSize pageSize,
        @DefaultValue("64KB") DataSize readAhead,
        @DefaultValue("2MB") DataSize unacknowledged) {

    public UnitQueueProperties {
        for (DataSize size : new DataSize[] {memoryPerUnit, pageSize, readAhead, unacknowledged}) {
            if (size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("casehub.unit-queues.memory-per-unit, page-size, read-ahead and"
                        + " unacknowledged must be positive and below 2 GB");
            }
        }
    }
}
