package org.casehub.production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service of the production suite running as its own operating-system process, as a deployment runs it: its output
 * goes to a log file the test reads; {@link #stop()} asks it to stop (SIGTERM) and waits, {@link #kill()} is
 * {@code kill -9}.
 */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Path workingDirectory, Map<String, String> environment,
                              Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Runs a command to its end, failing with its output when it does not succeed. */
    static void run(String name, List<String> command, Path workingDirectory, Path log) {
        ChildProcess child = start(name, command, workingDirectory, Map.of(), log);
        try {
            if (child.waitFor() != 0) {
                throw new IllegalStateException(name + " failed: " + command + "\n" + Logs.tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the end (three minutes at most, then kill -9) and gives the exit code. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            kill();
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGTERM, then waits for the process to end (kill -9 after a minute). */
    void stop() {
        process.destroy();
        waitForEnd(60);
        Logs.keep(log, name);
    }

    /** kill -9. */
    void kill() {
        process.destroyForcibly();
        waitForEnd(30);
        Logs.keep(log, name);
    }

    private void waitForEnd(int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " did not end", e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
