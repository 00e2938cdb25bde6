package org.casehub.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a background job (a quarantine replay, a re-map) got and how fast, so that an operator watching a long one
 * knows when to come back: the share done, the records per second since it was asked for, and — while it runs — the
 * seconds left at that rate. The rate is measured to now while the job runs, so a job that stalls shows its rate
 * falling and its estimate growing instead of a frozen promise.
 *
 * @param percent    done of total, 0–100 (100 for a job with nothing to do)
 * @param perSecond  records per second so far; null before the first second or record
 * @param etaSeconds seconds left at that rate; null when unknown or once the job ended
 */
public record JobProgress(int total, int done, double percent, Double perSecond, Long etaSeconds) {

    /**
     * @param started when the job was asked for
     * @param ended   when it finished, failed or was interrupted; null while it runs
     * @param now     the time to measure a running job's rate to
     */
    public static JobProgress of(int total, int done, Instant started, Instant ended, Instant now) {
        double percent = total == 0 ? 100 : Math.round(1000.0 * done / total) / 10.0;
        double seconds = Duration.between(started, ended == null ? now : ended).toMillis() / 1000.0;
        Double perSecond = done == 0 || seconds < 1 ? null : Math.round(10 * done / seconds) / 10.0;
        Long eta = ended != null || perSecond == null ? null : Math.round((total - done) * seconds / done);
        return new JobProgress(total, done, percent, perSecond, eta);
    }
}
