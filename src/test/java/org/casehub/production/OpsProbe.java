package org.casehub.production;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.casehub.security.TestClients;

/**
 * IT staff's view during a fault: /actuator/health, /api/feeds and the status page (/ and /status.json) asked every
 * half second, each answer's time and status kept. They must answer within a second, whatever is down: never late
 * three times running.
 */
final class OpsProbe implements AutoCloseable {

    static final Duration BOUND = Duration.ofSeconds(1);
    /** late answers running for one path that make a page blocked, not slow */
    private static final int RUN = 3;
    private static final List<String> PATHS = List.of("/actuator/health", "/api/feeds", "/status.json", "/");

    /** One answer; status -1: none within the bound (or the connection failed). */
    record Answer(String path, long millis, int status, String body) {

        boolean late() {
            return status < 0 || millis > BOUND.toMillis() || status >= 500 && status != 503;
        }
    }

    private final HubProcess hub;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

    private OpsProbe(HubProcess hub) {
        this.hub = hub;
    }

    /**
     * Starts asking, after one unrecorded round: a hub just started answers each page the first time only after
     * loading and compiling what it needs (a second and more on a busy machine), which says nothing about faults.
     */
    static OpsProbe start(HubProcess hub) {
        OpsProbe probe = new OpsProbe(hub);
        probe.warmUp();
        probe.ticks.scheduleWithFixedDelay(probe::ask, 0, 500, TimeUnit.MILLISECONDS);
        return probe;
    }

    private void warmUp() {
        for (String path : PATHS) {
            try {
                hub.get(path, TestClients.READER_KEY, Duration.ofSeconds(30));
            } catch (IOException e) {
                // the recorded rounds tell
            }
        }
    }

    private void ask() {
        for (String path : PATHS) {
            long start = System.nanoTime();
            try {
                // a second to answer, and a little more for this JVM's own scheduling on a busy machine
                HttpResponse<String> response = hub.get(path, TestClients.READER_KEY, BOUND.plusMillis(200));
                answers.add(new Answer(path, Duration.ofNanos(System.nanoTime() - start).toMillis(), response.statusCode(),
                        response.body()));
            } catch (IOException e) {
                answers.add(new Answer(path, Duration.ofNanos(System.nanoTime() - start).toMillis(), -1, e.toString()));
            }
        }
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /**
     * The answers that came late, not at all, or as a server error (503 is health's DOWN, an answer), in a run of
     * {@value #RUN} or more for one path. A page that waits on what is down is late round after round for as long as
     * its wait (a connection pool's is many seconds); a late answer or two between timely ones is this busy machine's
     * scheduling, counted in {@link #isolatedLate()} and printed, not failed.
     */
    List<Answer> late() {
        List<Answer> late = new ArrayList<>();
        for (String path : PATHS) {
            List<Answer> run = new ArrayList<>();
            for (Answer answer : answers.stream().filter(a -> a.path().equals(path)).toList()) {
                if (answer.late()) {
                    run.add(answer);
                } else {
                    keepLong(run, late);
                }
            }
            keepLong(run, late);
        }
        return late;
    }

    private static void keepLong(List<Answer> run, List<Answer> late) {
        if (run.size() >= RUN) {
            late.addAll(run);
        }
        run.clear();
    }

    /** How many answers were late in shorter runs than {@value #RUN}. */
    long isolatedLate() {
        return answers.stream().filter(Answer::late).count() - late().size();
    }

    /** Whether some answer of the path, since the probe started, said DOWN. */
    boolean sawDown(String path) {
        return answers.stream().anyMatch(a -> a.path().equals(path) && a.body().contains("\"DOWN\""));
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
