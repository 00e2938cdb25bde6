package org.casehub.feed;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.casehub.cluster.LeaderLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a poller's route may call its source on this tick — the one shape both pollers (the 12345 pull, the
 * exchange-table poll) ask at the head of their loop: the source is configured (else the feed says so once, in the
 * log and its health), neither the route nor the hub is stopping, this instance holds the feed's lease (one instance
 * polls), the source's back-off is over, and either the poller is mid-cycle (more pages or rows wait) or its period
 * is over.
 */
final class PollGate {

    private static final Logger log = LoggerFactory.getLogger(PollGate.class);

    private final String feed;
    /** what an operator sets to configure the source, for the log line */
    private final String configureWith;
    private final SourceHealth sources;
    private final LeaderLeases leases;
    /** the lease of the instance that polls */
    private final String lease;
    private final PullBackoff backoff;
    private final Clock clock;
    private boolean reportedNotConfigured;

    PollGate(String feed, String configureWith, SourceHealth sources, LeaderLeases leases, String lease,
             PullBackoff backoff, Clock clock) {
        this.feed = feed;
        this.configureWith = configureWith;
        this.sources = sources;
        this.leases = leases;
        this.lease = lease;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * @param configured whether the source is configured
     * @param midCycle   whether the last call left more to read at once (a full page or batch)
     * @param nextAt     when the poll period is over
     */
    synchronized boolean open(Exchange exchange, boolean configured, boolean midCycle, Instant nextAt) {
        if (!configured) {
            if (!reportedNotConfigured) {
                log.info("feed {} is not configured: set {}", feed, configureWith);
                reportedNotConfigured = true;
                sources.notConfigured(feed);
            }
            return false;
        }
        if (FeedLoops.stopping(exchange) || !leases.hold(lease)) {
            return false;
        }
        return backoff.ready() && (midCycle || !clock.instant().isBefore(nextAt));
    }
}
