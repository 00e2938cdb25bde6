package org.casehub.production;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.casehub.embedded.FreePorts;
import org.casehub.support.HubHttp;

/**
 * The packaged hub as an operator runs it: {@code java -jar target/casehub-*.jar --spring.profiles.active=production}
 * in its own process and working directory, configured only through the documented environment variables (plus a
 * free HTTP port), its output in a log file the suite reads.
 */
final class HubProcess implements AutoCloseable {

    private final String name;
    private final int port = FreePorts.free();
    private final Path directory;
    private final ChildProcess process;

    /** The suite's JVM: small, and quick to start rather than fast once warm (C1 only). */
    private static final List<String> SUITE_JVM = List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final List<String> PRODUCTION = List.of("--spring.profiles.active=production");
    /** one client for every request: a client of its own per request costs a selector thread and tens of ms */
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HubProcess(String name, Path directory, Map<String, String> environment, List<String> jvmOptions,
                       List<String> arguments) {
        this.name = name;
        this.directory = directory;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Prerequisites.jar().toString()));
        command.addAll(arguments);
        command.add("--server.port=" + port);
        this.process = ChildProcess.start(name, command, directory, environment, directory.resolve("hub.log"));
    }

    /** Starts a hub in a fresh working directory under {@code parent}; the caller waits for {@link #awaitReady()}. */
    static HubProcess start(String name, Path parent, Map<String, String> environment) {
        return start(name, parent, environment, SUITE_JVM, PRODUCTION);
    }

    /**
     * The same with JVM options and arguments of the caller's (a benchmark's: the full JIT, its heap, JMX; the
     * embedded default, without the production profile).
     */
    static HubProcess start(String name, Path parent, Map<String, String> environment, List<String> jvmOptions,
                            List<String> arguments) {
        try {
            Path directory = Files.createDirectories(parent.resolve(name));
            return new HubProcess(name, directory, environment, jvmOptions, arguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until readiness says UP (failing at once, with the log, when the process ends). A hub not ready in time is
     * stopped: the caller never got it to close, and it went on running (and taking a shared machine's CPU) for good.
     */
    HubProcess awaitReady() {
        try {
            await(name + " ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.alive()) {
                    throw new IllegalStateException(name + " ended:\n" + Logs.tail(process.log()));
                }
                try {
                    return get("/actuator/health/readiness", null, Duration.ofSeconds(2)).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** The suite's HTTP client for the hub's API, as the in-process tests call it. */
    HubHttp http() {
        return new HubHttp(port);
    }

    long pid() {
        return process.pid();
    }

    HttpResponse<String> get(String path, String apiKey, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout).GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    boolean alive() {
        return process.alive();
    }

    /** Waits for the process to end by itself (a refused start) and gives its exit code. */
    int awaitEnd() throws InterruptedException {
        return process.waitFor();
    }

    String log() {
        return Logs.read(process.log());
    }

    /** The last lines of the log, for a failure's message. */
    String logTail() {
        return Logs.tail(process.log());
    }

    String name() {
        return name;
    }

    /** kill -9: no shutdown hook runs, no lease is given back. */
    void kill() {
        process.kill();
    }

    /** SIGTERM: a graceful shutdown. */
    void stop() {
        process.stop();
    }

    @Override
    public void close() {
        if (process.alive()) {
            process.stop();
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port + " (" + directory + ")";
    }
}
