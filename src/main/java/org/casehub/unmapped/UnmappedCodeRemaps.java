package org.casehub.unmapped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.casehub.cluster.LeaderLeases;
import org.casehub.core.FeedRecord;
import org.casehub.feed.Normalizer;
import org.casehub.index.CaseRemaps;
import org.casehub.index.UnmappedCodes;
import org.casehub.jobs.BackgroundJobs;
import org.casehub.jobs.JobRows;
import org.casehub.quarantine.QuarantineProperties;
import org.casehub.security.AuditEntry;
import org.casehub.security.AuditOutcome;
import org.casehub.security.AuditTrail;
import org.casehub.security.ClientAuthentication;
import org.casehub.security.Masking;
import org.casehub.unmapped.RemapJobs.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-maps, in the background, the source records stored with a fallback for a classification list's code (or for
 * every code of the list), once an operator has added the code: each record's stored bytes go through the pipeline's
 * steps ({@link Normalizer}: the route's order, limits and input quality included) with what runs now, and its case is updated
 * when its content changed ({@link CaseRemaps}). A record whose code is still unknown maps as before and stays on its
 * fallback; one that no longer passes a step is counted failed and left as it was. Progress is kept per batch in
 * {@code remap_job}; the end is audited. At shutdown a running re-map stops after its record and says interrupted:
 * starting it again does the rest, as the records re-mapped are no longer on a fallback. The running instance beats a
 * heartbeat after each batch of {@value #BATCH} records; a running re-map whose heartbeat is older than
 * {@code casehub.quarantine.replay-stale-after} was left by an instance that crashed, and reads interrupted when it is
 * asked for (and at an instance's start, for those it ran before).
 */
@Component
public class UnmappedCodeRemaps extends BackgroundJobs {

    private static final Logger log = LoggerFactory.getLogger(UnmappedCodeRemaps.class);
    private static final int BATCH = 100;

    private final UnmappedCodes unmapped;
    private final RemapJobs jobs;
    private final CaseRemaps remaps;
    private final Normalizer normalizer;
    private final AuditTrail audit;
    private final Duration staleAfter;

    public UnmappedCodeRemaps(UnmappedCodes unmapped, RemapJobs jobs, CaseRemaps remaps, Normalizer normalizer,
                              AuditTrail audit, QuarantineProperties quarantine, LeaderLeases leases) {
        super("re-map", "unmapped-code-remap", leases.holder());
        this.unmapped = unmapped;
        this.jobs = jobs;
        this.remaps = remaps;
        this.normalizer = normalizer;
        this.audit = audit;
        this.staleAfter = quarantine.replayStaleAfter();
    }

    /** Starts re-mapping the records on a fallback for the list's code (null: every code of the list). */
    public Job start(String list, String code, ClientAuthentication caller) {
        return launch(() -> jobs.create(caller.client().id(), list, code, unmapped.countOnFallback(list, code), instance()),
                job -> run(job, caller));
    }

    private void run(Job job, ClientAuthentication caller) {
        int[] total = new int[3];
        String[] after = null;
        try {
            List<String[]> batch;
            while (!(batch = unmapped.recordsOnFallback(job.list(), job.code(), after, BATCH)).isEmpty()) {
                int[] tally = new int[3];
                for (String[] key : batch) {
                    if (stopping()) {
                        end(job, caller, JobRows.INTERRUPTED, total, "the hub stopped; start the re-map again");
                        return;
                    }
                    tally[remapOne(key[0], key[1])]++;
                }
                after = batch.get(batch.size() - 1);
                for (int i = 0; i < 3; i++) {
                    total[i] += tally[i];
                }
                if (!jobs.progress(job.id(), tally[0], tally[1], tally[2])) {
                    log.warn("re-map {} was marked interrupted by another instance (no heartbeat for {}): stopping", job.id(),
                            staleAfter);
                    return;
                }
            }
            end(job, caller, JobRows.FINISHED, total, null);
        } catch (RuntimeException e) {
            log.error("re-map {} failed", job.id(), e);
            end(job, caller, JobRows.FAILED, total,
                    e.getClass().getSimpleName() + ": " + Masking.scrub(String.valueOf(e.getMessage())));
        }
    }

    /** 0 changed, 1 unchanged, 2 failed. */
    private int remapOne(String feed, String recordId) {
        Optional<FeedRecord> stored = remaps.stored(feed, recordId);
        if (stored.isEmpty()) {
            return 1;
        }
        FeedRecord record = stored.get();
        try {
            normalizer.normalize(record);
        } catch (RuntimeException e) {
            log.warn("re-map of {}:{} left it as it was: {}", feed, recordId, Masking.scrub(String.valueOf(e.getMessage())));
            return 2;
        }
        return remaps.apply(record) ? 0 : 1;
    }

    private void end(Job job, ClientAuthentication caller, String state, int[] total, String message) {
        if (!jobs.finish(job.id(), state, message)) {
            log.warn("re-map {} was marked interrupted by another instance meanwhile", job.id());
            return;
        }
        String summary = state + ": " + total[0] + " changed, " + total[1] + " unchanged, " + total[2] + " failed";
        audit.record(AuditEntry.of(caller, AuditTrail.UNMAPPED_REMAP, "remap:" + job.id(),
                JobRows.FINISHED.equals(state) ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
                job.list() + (job.code() == null ? "" : " " + job.code()) + " " + summary));
        log.info("re-map {} of {} {}", job.id(), job.list(), summary);
    }

    /** A re-map as it stands; one whose instance stopped or crashed reads interrupted. */
    public Optional<Job> job(String id) {
        interruptLeft(null);
        return jobs.find(id);
    }

    @Override
    protected void interruptLeft(String restarted) {
        int left = jobs.interruptLeft(staleAfter, restarted);
        if (left > 0) {
            log.warn("{} re-map(s) marked interrupted: their instance stopped or crashed", left);
        }
    }
}
