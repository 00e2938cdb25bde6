package org.casehub.ops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;

import java.util.function.BiFunction;

import org.casehub.index.ProcessedIdRepository;
import org.casehub.publish.OutboxRepository;
import org.casehub.quarantine.QuarantineRepository;
import org.casehub.quarantine.ReplayJobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Deletes the index's working rows past their retention ({@link RetentionProperties}), on the schedule of
 * {@code casehub.retention.purge-cron}: published outbox rows, applied idempotency keys, settled quarantine and
 * finished background replays. Never the event history ({@code case_event}), the cases, their source records, open
 * quarantine, pending outbox rows, or the audit trail ({@link org.casehub.security.AuditPurge} keeps that).
 * <p>
 * Deleting an idempotency key never lets an old record in again: {@code source_record.source_version} keeps the
 * newest version applied per source record, and a version not above it is stale — no case, no event.
 * Every instance may run it: the deletes are idempotent, in batches so that no transaction grows large. Each table's
 * owner deletes its own rows.
 */
@Component
public class RetentionPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    private static final int BATCH = 1000;

    private final OutboxRepository outbox;
    private final ProcessedIdRepository processedIds;
    private final QuarantineRepository quarantine;
    private final ReplayJobRepository replays;
    private final RetentionProperties retention;

    public RetentionPurge(OutboxRepository outbox, ProcessedIdRepository processedIds, QuarantineRepository quarantine,
                          ReplayJobRepository replays, RetentionProperties retention) {
        this.outbox = outbox;
        this.processedIds = processedIds;
        this.quarantine = quarantine;
        this.replays = replays;
        this.retention = retention;
    }

    /** How many rows one purge deleted, per kind. */
    public record Purged(int publishedOutbox, int processedIds, int settledQuarantine, int finishedReplays) {
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addCronTask(new CronTask(this::purgeOnSchedule, new CronTrigger(retention.purgeCron(), retention.purgeZone())));
    }

    /** Deletes what is older than its retention, counted back from {@code now}. */
    public Purged purge(Instant now) {
        OffsetDateTime published = cutoff(now, retention.publishedOutbox());
        OffsetDateTime processed = cutoff(now, retention.processedIds());
        OffsetDateTime settled = cutoff(now, retention.settledQuarantine());
        Purged purged = new Purged(
                inBatches(outbox::deletePublishedBefore, published),
                inBatches(processedIds::deleteProcessedBefore, processed),
                inBatches(quarantine::deleteSettledBefore, settled),
                inBatches(replays::deleteFinishedBefore, settled));
        outbox.deleteDeliveredCountsBefore(published);   // the figures of the published rows purged
        log.info("retention: purged {} (published outbox before {}, processed ids before {}, settled quarantine before {})",
                purged, published, processed, settled);
        return purged;
    }

    private void purgeOnSchedule() {
        try {
            purge(Instant.now());
        } catch (DataAccessException e) {
            log.error("retention: the purge failed and runs again at the next '{}': {}", retention.purgeCron(),
                    e.getMessage(), e);
        }
    }

    /** @param delete deletes at most a batch of rows older than the cutoff, returning how many */
    private static int inBatches(BiFunction<OffsetDateTime, Integer, Integer> delete, OffsetDateTime cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = delete.apply(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    private OffsetDateTime cutoff(Instant now, Period period) {
        return now.atZone(retention.purgeZone()).minus(period).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }
}
