package org.casehub.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value that takes a dependency to compute (a database, a broker), computed on a thread of its own every
 * {@code period} and read without waiting: what the health endpoints, GET /api/feeds and the status page show must
 * answer at once even while a dependency hangs (a database waited on for Hikari's 30 s, a broker that does not
 * answer). A reader gets the last value and when it was computed, and learns whether a computation has been running
 * for longer than it should ({@link #stuckFor()}): then the dependency is the problem, whatever the last value says.
 */
public final class Refreshed<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Refreshed.class);

    /** @param at when the computation that gave it started */
    public record Reading<T>(T value, Instant at) {
    }

    private final String name;
    private final Supplier<T> compute;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private volatile Reading<T> last;
    private volatile Instant running;
    private final CountDownLatch first = new CountDownLatch(1);

    public Refreshed(String name, Supplier<T> compute, Duration period, Clock clock) {
        this.name = name;
        this.compute = compute;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "casehub-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        Instant start = clock.instant();
        running = start;
        try {
            last = new Reading<>(compute.get(), start);
        } catch (RuntimeException | Error e) {
            log.warn("{} could not be computed: {}", name, e.getMessage());
        } finally {
            running = null;
            first.countDown();
        }
    }

    /** The last value computed; empty until the first computation ended. */
    public Optional<Reading<T>> last() {
        return Optional.ofNullable(last);
    }

    /** The last value, waiting up to {@code wait} for the first computation to end. */
    public Optional<Reading<T>> last(Duration wait) {
        try {
            first.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last();
    }

    /** How long the computation running now has been running (empty when none runs). */
    public Optional<Duration> stuckFor() {
        Instant started = running;
        return started == null ? Optional.empty() : Optional.of(Duration.between(started, clock.instant()));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
