package org.casehub.reseal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.casehub.cluster.LeaderLeases;
import org.casehub.index.PiiReseals;
import org.casehub.jobs.BackgroundJobs;
import org.casehub.jobs.JobRows;
import org.casehub.quarantine.QuarantineProperties;
import org.casehub.quarantine.QuarantineRepository;
import org.casehub.reseal.ResealJobs.Job;
import org.casehub.security.AuditEntry;
import org.casehub.security.AuditOutcome;
import org.casehub.security.AuditTrail;
import org.casehub.security.ClientAuthentication;
import org.casehub.security.KeyedHasher;
import org.casehub.security.Masking;
import org.casehub.security.PiiCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves, in the background, every stored piece of personal data to the current key and cipher suite, and the
 * matching hashes to the current hash key and suite ({@link PiiReseals}, case by case in id order), then re-seals the
 * quarantined payloads. One instance at a time runs it: it holds the lease {@value #LEASE} while it runs. Its cursor is
 * kept per batch, so a job interrupted (the hub stopped, the instance crashed, the lease lost) goes on where it was
 * when an operator starts it again; its start and end are audited. Until it has finished, data sealed under the
 * previous keys keeps opening (the key id names key and suite) and arriving records are matched under both hash keys.
 */
@Component
public class PiiResealJob extends BackgroundJobs {

    /** The leader lease a running re-seal holds. */
    public static final String LEASE = "pii-reseal";

    private static final Logger log = LoggerFactory.getLogger(PiiResealJob.class);
    private static final int BATCH = 100;

    private final ResealJobs jobs;
    private final PiiReseals reseals;
    private final QuarantineRepository quarantine;
    private final PiiCipher cipher;
    private final KeyedHasher hasher;
    private final AuditTrail audit;
    private final LeaderLeases leases;
    private final Duration staleAfter;

    public PiiResealJob(ResealJobs jobs, PiiReseals reseals, QuarantineRepository quarantine, PiiCipher cipher,
                        KeyedHasher hasher, AuditTrail audit, LeaderLeases leases, QuarantineProperties properties) {
        super("re-seal", "pii-reseal", leases.holder());
        this.jobs = jobs;
        this.reseals = reseals;
        this.quarantine = quarantine;
        this.cipher = cipher;
        this.hasher = hasher;
        this.audit = audit;
        this.leases = leases;
        this.staleAfter = properties.replayStaleAfter();
    }

    /**
     * Starts moving the data to the current keys, or goes on with the job towards them that was left unfinished.
     *
     * @throws IllegalStateException when a re-seal runs already (here or on another instance)
     */
    public Job start(ClientAuthentication caller) {
        interruptLeft(null);
        if (jobs.running().isPresent() || !leases.hold(LEASE)) {
            throw new IllegalStateException("a re-seal runs already; GET /api/pii/reseal for its progress");
        }
        String target = cipher.currentKeyId();
        String targetHash = hasher.keyId();
        Job job = launch(() -> {
            Optional<Job> left = jobs.unfinished(target, targetHash);
            if (left.isPresent() && jobs.resume(left.get().id(), instance())) {
                return jobs.find(left.get().id()).orElseThrow();
            }
            return jobs.create(caller.client().id(), target, targetHash,
                    hasher.previous() == null ? null : hasher.previous().keyId(), reseals.countCases(), instance());
        }, started -> run(started, caller));
        audit.record(AuditEntry.of(caller, AuditTrail.PII_RESEAL, "pii-reseal:" + job.id(), AuditOutcome.SUCCESS,
                "started towards key " + target + ", hash key " + targetHash
                        + (job.caseCursor() == null ? "" : ", going on after case " + job.caseCursor())));
        return job;
    }

    private void run(Job job, ClientAuthentication caller) {
        try {
            String after = job.caseCursor();
            List<String> batch;
            while (!(batch = reseals.caseIdsAfter(after, BATCH)).isEmpty()) {
                if (stopped(job, caller)) {
                    return;
                }
                int changed = 0;
                for (String caseId : batch) {
                    changed += reseals.reseal(caseId) ? 1 : 0;
                }
                after = batch.get(batch.size() - 1);
                if (!jobs.casesDone(job.id(), batch.size(), changed, after)) {
                    log.warn("re-seal {} was marked interrupted by another instance: stopping", job.id());
                    return;
                }
            }
            long afterRow = job.quarantineCursor() == null ? 0 : job.quarantineCursor();
            List<Long> resealed;
            while (!(resealed = quarantine.resealAfter(afterRow, BATCH)).isEmpty()) {
                afterRow = resealed.get(resealed.size() - 1);
                if (!jobs.quarantineDone(job.id(), resealed.size(), afterRow)) {
                    log.warn("re-seal {} was marked interrupted by another instance: stopping", job.id());
                    return;
                }
                if (stopped(job, caller)) {
                    return;
                }
            }
            end(job, caller, JobRows.FINISHED, null);
        } catch (RuntimeException e) {
            log.error("re-seal {} failed", job.id(), e);
            end(job, caller, JobRows.FAILED,
                    e.getClass().getSimpleName() + ": " + Masking.scrub(String.valueOf(e.getMessage())));
        }
    }

    /** Ends the job interrupted when the hub stops or this instance lost the lease; true then. */
    private boolean stopped(Job job, ClientAuthentication caller) {
        if (stopping()) {
            end(job, caller, JobRows.INTERRUPTED, "the hub stopped; start the re-seal again to go on");
            return true;
        }
        if (!leases.hold(LEASE)) {
            end(job, caller, JobRows.INTERRUPTED, "another instance took the lease " + LEASE
                    + "; start the re-seal again to go on");
            return true;
        }
        return false;
    }

    private void end(Job job, ClientAuthentication caller, String state, String message) {
        if (!jobs.finish(job.id(), state, message)) {
            log.warn("re-seal {} was marked interrupted by another instance meanwhile", job.id());
            return;
        }
        Job ended = jobs.find(job.id()).orElseThrow();
        String summary = state + ": " + ended.done() + " of " + ended.total() + " case(s) gone through, " + ended.changed()
                + " changed, " + ended.quarantined() + " quarantined record(s) re-sealed"
                + (message == null ? "" : " (" + message + ")");
        audit.record(AuditEntry.of(caller, AuditTrail.PII_RESEAL, "pii-reseal:" + job.id(),
                JobRows.FINISHED.equals(state) ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, summary));
        log.info("re-seal {} towards key {} and hash key {} {}", job.id(), job.targetKeyId(), job.targetHashKeyId(), summary);
    }

    /** A re-seal as it stands; one whose instance stopped or crashed reads interrupted. */
    public Optional<Job> job(String id) {
        interruptLeft(null);
        return jobs.find(id);
    }

    /** The re-seal running now, else the latest one. */
    public Optional<Job> latest() {
        interruptLeft(null);
        return jobs.latest();
    }

    @Override
    protected void interruptLeft(String restarted) {
        int left = jobs.interruptLeft(staleAfter, restarted);
        if (left > 0) {
            log.warn("{} re-seal(s) marked interrupted: their instance stopped or crashed", left);
        }
    }
}
