package org.casehub.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.casehub.cluster.LeaderLeases;
import org.casehub.publish.OutboxRepository.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The relay loop both outbox channels share, written once: under the channel's leader lease (one instance relays a
 * channel, so that each case's events keep their order), take the oldest pending rows, hand a batch to the
 * destination, mark published exactly the rows it confirmed, park the rows it refused for good, and take the next
 * batch only when the whole batch came to an end — so a row is never overtaken by a later row of its case while its
 * send may still fail, and nothing is sent again while an earlier send of it may still complete.
 * <p>
 * A refusal that is the row's own (an event above the topic's size limit, an address the hub may not send to) parks
 * that row alone ({@link OutboxRepository#park}): the other cases go on, the later rows of its case for the same
 * destination wait behind it, an operator re-sends it once the cause is fixed. A transport outage is not a row's
 * fault: the batch stops and is tried again, in order, in the next round.
 * <p>
 * A round starts on the channel's timer (the durable fallback: it finds whatever is pending, after a crash too) and at
 * once when an index transaction that wrote rows of the channel commits ({@link OutboxRepository#whenCommitted}): the
 * relay's own thread runs it, so the committing thread does not wait, and wake-ups that come while one is queued count
 * as one. While the transport is down only the timer retries, so an outage is not hammered at the ingest's pace.
 *
 * @param <E> what a destination's delivery throws when its transport is down
 */
public abstract class OutboxChannelRelay<E extends Exception> implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxChannelRelay.class);

    private final OutboxRepository outbox;
    private final LeaderLeases leases;
    private final String channel;
    private final int batchSize;
    private final Duration period;
    private final ExecutorService waker;
    /** a wake-up is queued and has not started: later ones add nothing */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** the last round ended with the transport's failure: wake-ups wait for the timer's round to succeed */
    private volatile boolean failing;
    /**
     * Rows the destination confirmed that could not be marked published yet (the index database away): they are
     * marked before anything else is read or sent, and never sent again by this instance meanwhile.
     */
    private final List<Pending> confirmed = new ArrayList<>();

    protected OutboxChannelRelay(OutboxRepository outbox, LeaderLeases leases, String channel, int batchSize,
                                 Duration period) {
        this.outbox = outbox;
        this.leases = leases;
        this.channel = channel;
        this.batchSize = batchSize;
        this.period = period;
        this.waker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "outbox-wake-" + channel);
            thread.setDaemon(true);
            return thread;
        });
        outbox.whenCommitted(channel, this::wake);
    }

    /** The period of the channel's timer in milliseconds ({@code casehub.publish.relay-period}; the route reads it). */
    public long periodMillis() {
        return period.toMillis();
    }

    /** The lease of a channel's relay. */
    static String lease(String channel) {
        return "relay:" + channel;
    }

    /**
     * What became of the rows handed over: those the destination confirmed, and those it refused for good with the
     * reason. A row in neither has no final outcome yet (failed for a transient cause, or still in flight).
     */
    public record Outcome(List<Pending> delivered, Map<Pending, String> refused) {

        public static final Outcome NONE = new Outcome(List.of(), Map.of());

        int settled() {
            return delivered.size() + refused.size();
        }
    }

    /** Relays until the channel has no pending row or a batch did not come to an end; returns how many rows went out. */
    public synchronized int relay() throws E {
        try {
            int total = relayRound();
            failing = false;
            return total;
        } catch (Exception e) {
            failing = true;
            throw e;
        }
    }

    /** Starts a round on the relay's own thread, unless one is queued already or the transport is down. */
    void wake() {
        if (failing || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            waker.execute(() -> {
                wakeQueued.set(false);
                try {
                    relay();
                } catch (Exception e) {
                    log.debug("outbox {}: a round on commit failed, the timer's round tries again: {}", channel,
                            e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("outbox {}: shutting down, no round on commit", channel);
        }
    }

    private int relayRound() throws E {
        markConfirmed();
        int total = record(settle());
        if (busy() || !leases.hold(lease(channel))) {
            return total;
        }
        while (true) {
            List<Pending> pending = outbox.pending(channel, batchSize);
            List<Pending> batch = batch(pending);
            if (batch.isEmpty()) {
                return total;
            }
            Outcome outcome = deliver(batch);
            total += record(outcome);
            boolean more = pending.size() == batchSize || batch.size() < pending.size();
            if (outcome.settled() < batch.size() || busy() || !more) {
                return total;
            }
        }
    }

    /** The rows of the next batch, from the oldest pending ones (all of them unless a destination needs fewer). */
    List<Pending> batch(List<Pending> pending) {
        return pending;
    }

    /** Hands a batch to the destination and learns what it can of the outcome. */
    protected abstract Outcome deliver(List<Pending> batch) throws E;

    /** The outcome of sends of earlier rounds that had none yet (none, for a destination that answers at once). */
    Outcome settle() {
        return Outcome.NONE;
    }

    /** True while a send of an earlier round may still complete: nothing new is sent, nothing sent again. */
    boolean busy() {
        return false;
    }

    private int record(Outcome outcome) {
        confirmed.addAll(outcome.delivered());
        outcome.refused().forEach((row, reason) -> {
            log.warn("outbox {}: event {} to {} parked, refused for good: {}; later events of case {} for it wait until"
                    + " an operator re-sends it", channel, row.eventId(), row.destination(), reason, row.caseId());
            outbox.park(row, channel, reason);
        });
        markConfirmed();
        return outcome.delivered().size();
    }

    /**
     * Marks published the rows the destination confirmed. When the index database cannot take it, the rows stay
     * remembered and the round ends with the failure: the next round marks them first, so a database outage between a
     * confirmation and its marking never sends a confirmed row again (only a crash in that gap can, and consumers
     * drop the duplicate by event id).
     */
    private void markConfirmed() {
        if (!confirmed.isEmpty()) {
            outbox.markPublished(confirmed);
            confirmed.clear();
        }
    }

    /** Stops the wake-ups (letting a running round end) before the destination's client is closed. */
    @Override
    public final void destroy() {
        waker.shutdown();
        try {
            if (!waker.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("outbox {}: a round on commit did not end within 30 s of shutdown", channel);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            close();
        }
    }

    /** Closes the destination's client. */
    protected abstract void close();
}
