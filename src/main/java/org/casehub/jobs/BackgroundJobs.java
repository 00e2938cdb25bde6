package org.casehub.jobs;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * The life of one kind of long operator job (quarantine replays, re-maps), which every kind shares: the jobs run one
 * after another on a background thread of their own; a job asked for while the hub stops is refused; at the hub's
 * start the jobs this instance was running when it stopped or crashed are marked interrupted (they cannot have gone
 * on), and so are those of instances gone, at each heartbeat the subclass beats; at shutdown — this lifecycle stops
 * before Camel's — the running job sees {@link #stopping()}, ends its batch, says interrupted, and is waited for.
 * What a job does, how it records its progress and how it ends are the subclass's.
 */
public abstract class BackgroundJobs implements SmartLifecycle {

    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    private final Logger log = LoggerFactory.getLogger(getClass());
    /** what one job is called in the log: "quarantine replay", "re-map" */
    private final String kind;
    /** this instance's name as the runner of its jobs: its leader-lease holder name */
    private final String instance;
    private final ExecutorService background;
    private volatile boolean running;

    protected BackgroundJobs(String kind, String thread, String instance) {
        this.kind = kind;
        this.instance = instance;
        this.background = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, thread);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The SQL condition on a job table's {@code heartbeat_at} and {@code runner} of a running job left behind: its
     * heartbeat older than {@code staleAfter} (or missing), or its runner the one bind parameter (an instance restarted;
     * null: none).
     */
    public static String leftBehind(Duration staleAfter) {
        return "(heartbeat_at IS NULL OR heartbeat_at < CURRENT_TIMESTAMP - INTERVAL '"
                + String.format(Locale.ROOT, "%.3f", staleAfter.toMillis() / 1000.0) + "' SECOND OR runner = ?)";
    }

    /** This instance's name, as the runner its jobs record. */
    protected final String instance() {
        return instance;
    }

    /**
     * Records a new job ({@code create}), then runs it in the background.
     *
     * @throws IllegalStateException while the hub is stopping: nothing is recorded
     */
    protected final <J> J launch(Supplier<J> create, Consumer<J> run) {
        if (!running) {
            throw new IllegalStateException("the hub is stopping");
        }
        J job = create.get();
        background.submit(() -> run.accept(job));
        return job;
    }

    /** Whether the hub is stopping: a running job ends after the batch (or record) in hand and says interrupted. */
    protected final boolean stopping() {
        return !running;
    }

    /**
     * Marks interrupted the running jobs whose instance stopped or crashed.
     *
     * @param restarted this instance's name at its start (a job it runs cannot exist yet), else null
     */
    protected abstract void interruptLeft(String restarted);

    @Override
    public void start() {
        running = true;
        try {
            interruptLeft(instance);
        } catch (DataAccessException e) {
            log.warn("{}s left by stopped instances not checked at start: {}", kind, e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        background.shutdown();
        try {
            if (!background.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("a {} did not finish its batch within {} s", kind, SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
