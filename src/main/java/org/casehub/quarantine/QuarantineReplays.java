package org.casehub.quarantine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.ProducerTemplate;
import org.casehub.cluster.LeaderLeases;
import org.casehub.core.FeedRecord;
import org.casehub.jobs.BackgroundJobs;
import org.casehub.jobs.JobRows;
import org.casehub.quarantine.QuarantineRepository.Filter;
import org.casehub.quarantine.ReplayJobRepository.Job;
import org.casehub.security.AuditEntry;
import org.casehub.security.AuditOutcome;
import org.casehub.security.AuditTrail;
import org.casehub.security.ClientAuthentication;
import org.casehub.security.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Replays quarantined records through the feeds' own pipeline ({@code direct:normalize-and-store}) with the
 * mappings, code lists and schemas running now. The index settles each row in the transaction that stores its
 * record: a record that passes creates or updates its case once (idempotency key, stored version) and its row
 * becomes replayed; one that fails again keeps its row open with the new reasons. A feed that is not a source feed
 * (units' reports) is replayed by its own {@link ReplayTarget}, which settles its rows the same way. Many rows are
 * replayed in the background, a batch per transaction, with the progress kept in {@code quarantine_replay}.
 * <p>
 * At shutdown (this lifecycle stops before Camel's) a running replay finishes its batch and stops: its job says
 * {@code interrupted}, and the rows it did not reach are still open for a new replay.
 * <p>
 * An instance that crashed (or was killed) cannot say so: its job would stay {@code running} for ever. So the instance
 * running a job beats its heartbeat after each batch and every {@code casehub.quarantine.replay-heartbeat} (the latter
 * on the shared scheduler thread, which a long purge may hold up), and every instance, at its start
 * and then at each heartbeat, marks {@code interrupted} the running jobs whose heartbeat is older than
 * {@code replay-stale-after} — with when and why — so that operators see the truth and start a new replay. A job
 * another live instance runs keeps beating and is left alone; if an instance was only cut off for that long, its
 * runner finds its job no longer running at its next batch and stops. Jobs are not resumed: what they were asked is
 * kept scrubbed for display, not as a filter to run again, and a new replay of the same criteria does the same work,
 * as the rows already replayed are no longer open.
 */
@Component("quarantineReplays")
public class QuarantineReplays extends BackgroundJobs {

    private static final String HEARTBEAT =
            "#{@'casehub.quarantine-org.casehub.quarantine.QuarantineProperties'.replayHeartbeat()}";

    static final String PIPELINE = "direct:normalize-and-store";

    private static final Logger log = LoggerFactory.getLogger(QuarantineReplays.class);

    private final QuarantineRepository quarantine;
    private final ReplayJobRepository jobs;
    private final ProducerTemplate pipeline;
    private final ObjectProvider<ReplayTarget> targets;
    private final AuditTrail audit;
    private final int batchSize;
    private final Duration staleAfter;

    public QuarantineReplays(QuarantineRepository quarantine, ReplayJobRepository jobs, ProducerTemplate pipeline,
                             ObjectProvider<ReplayTarget> targets, AuditTrail audit, QuarantineProperties properties,
                             LeaderLeases leases) {
        super("quarantine replay", "quarantine-replay", leases.holder());
        this.quarantine = quarantine;
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.targets = targets;
        this.audit = audit;
        this.batchSize = properties.replayBatch();
        this.staleAfter = properties.replayStaleAfter();
    }

    /** How the rows of one batch settled. */
    public record Tally(int passed, int failed, int skipped) {
    }

    /** Replays one open row now; empty when the row is absent or not open. */
    public Optional<QuarantineRepository.Row> replayOne(long id) {
        List<FeedRecord> records = quarantine.replayable(new Filter(List.of(id), null, null, null, null, null, null), 0, 1);
        if (records.isEmpty()) {
            return Optional.empty();
        }
        replay(records);
        return quarantine.find(id);
    }

    /** Starts replaying the open rows the filter finds, in the background; the job reports the progress. */
    public Job start(Filter filter, String criteria, ClientAuthentication caller) {
        return launch(() -> jobs.create(caller.client().id(), criteria, quarantine.count(filter.openOnly()), instance()),
                job -> run(job.id(), filter, caller));
    }

    private void run(String jobId, Filter filter, ClientAuthentication caller) {
        long after = 0;
        Tally total = new Tally(0, 0, 0);
        try {
            List<FeedRecord> batch;
            while (!(batch = quarantine.replayable(filter, after, batchSize)).isEmpty()) {
                if (stopping()) {
                    end(jobId, caller, JobRows.INTERRUPTED, total,
                            "the hub stopped; the rows not reached are still open");
                    return;
                }
                after = batch.get(batch.size() - 1).replayOf();
                Tally tally = replay(batch);
                total = new Tally(total.passed() + tally.passed(), total.failed() + tally.failed(),
                        total.skipped() + tally.skipped());
                if (!jobs.progress(jobId, tally.passed(), tally.failed(), tally.skipped())) {
                    log.warn("quarantine replay {} was marked interrupted by another instance (no heartbeat for {}): stopping"
                            + " after {}", jobId, staleAfter, total);
                    return;
                }
            }
            end(jobId, caller, JobRows.FINISHED, total, null);
        } catch (RuntimeException e) {
            log.error("quarantine replay {} failed", jobId, e);
            end(jobId, caller, JobRows.FAILED, total,
                    e.getClass().getSimpleName() + ": " + Masking.scrub(String.valueOf(e.getMessage())));
        }
    }

    private void end(String jobId, ClientAuthentication caller, String state, Tally total, String message) {
        if (!jobs.finish(jobId, state, message)) {
            log.warn("quarantine replay {} was marked interrupted by another instance meanwhile; it got {}", jobId, total);
            return;
        }
        audit.record(AuditEntry.of(caller, AuditTrail.QUARANTINE_REPLAY, "quarantine-replay:" + jobId,
                JobRows.FINISHED.equals(state) ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
                state + ": " + total.passed() + " passed, " + total.failed() + " failed again, " + total.skipped() + " skipped"));
        log.info("quarantine replay {} {}: {}", jobId, state, total);
    }

    /** Through the pipeline in one index transaction (or each by its feed's target), then how each row settled. */
    private Tally replay(List<FeedRecord> records) {
        List<FeedRecord> sourceRecords = new ArrayList<>();
        for (FeedRecord record : records) {
            targets.orderedStream().filter(target -> target.feed().equals(record.feed())).findFirst()
                    .ifPresentOrElse(target -> target.replay(record), () -> sourceRecords.add(record));
        }
        if (!sourceRecords.isEmpty()) {
            pipeline.requestBody(PIPELINE, sourceRecords);
        }
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (FeedRecord record : records) {
            String state = quarantine.find(record.replayOf()).map(QuarantineRepository.Row::state).orElse("");
            if (QuarantineRepository.REPLAYED.equals(state)) {
                passed++;
            } else if (QuarantineRepository.OPEN.equals(state)) {
                failed++;
            } else {
                skipped++;
            }
        }
        return new Tally(passed, failed, skipped);
    }

    /** Says this instance's jobs are alive, and marks those that instances gone have left interrupted. */
    // the period from QuarantineProperties itself, so that its default is written once
    @Scheduled(fixedDelayString = HEARTBEAT, initialDelayString = HEARTBEAT)
    public void heartbeat() {
        try {
            jobs.heartbeat(instance());
            interruptLeft(null);
        } catch (DataAccessException e) {
            log.warn("quarantine replay heartbeat failed: {}", e.getMessage());
        }
    }

    @Override
    protected void interruptLeft(String restarted) {
        for (Job job : jobs.interruptLeft(staleAfter, restarted)) {
            log.warn("quarantine replay {} marked interrupted: its instance {} stopped or crashed (last heartbeat {});"
                    + " {} of {} rows done", job.id(), job.runner(), job.heartbeatAt(), job.done(), job.total());
            audit.record(new AuditEntry(job.requestedBy(), AuditTrail.QUARANTINE_REPLAY, "quarantine-replay:" + job.id(),
                    AuditOutcome.FAILED, JobRows.INTERRUPTED + " (instance " + job.runner() + " gone): "
                    + job.passed() + " passed, " + job.failed() + " failed again, " + job.skipped() + " skipped", null));
        }
    }
}
