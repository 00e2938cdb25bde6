package org.casehub.production;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a hub's CPU went, from a flight recording: the hot methods of its CPU samples, by method, by the innermost
 * casehub frame (so that the profile names the hub's own code) and by thread; the hub's code that waited on locks or
 * parked, and its long socket reads (PostgreSQL, Kafka, Artemis); the garbage collector's share. Wall-clock time of the
 * pipeline's thread is {@link HubProbe}'s sampler: JFR samples few threads in native code per period, so it cannot
 * say how long one thread waited on its database.
 */
final class FlightSummary {

    private static final int TOP = 12;

    private final Map<String, Long> cpuTop = new HashMap<>();
    private final Map<String, Long> cpuByHubFrame = new HashMap<>();
    private final Map<String, Long> cpuByThread = new HashMap<>();
    private final Map<String, Long> blockedByHubFrame = new HashMap<>();
    private final Map<String, Long> socketReadByHubFrame = new HashMap<>();
    private long cpuSamples;
    private long gcPauseNanos;
    private long gcCount;
    private long maxHeapUsed;
    private final Map<String, Long> compiledByPackage = new HashMap<>();
    private final Map<String, Long> deoptimizedBy = new HashMap<>();
    private long longCompilations;
    private long deoptimizations;
    private long firstCompileCount = -1;
    private long lastCompileCount;
    private long firstLoadedClasses = -1;
    private long lastLoadedClasses;

    /** the package prefix of the code the summary names frames by (the hub's, or a broker's) */
    private final String ownCode;
    private final String ownName;

    private FlightSummary(String ownCode, String ownName) {
        this.ownCode = ownCode;
        this.ownName = ownName;
    }

    /** A hub's recording, summarised by the hub's own frames. */
    static FlightSummary of(Path recording) throws IOException {
        return of(recording, "org.casehub.", "casehub");
    }

    /** Any JVM's recording (a broker's), summarised by the frames of the code under {@code ownCode}. */
    static FlightSummary of(Path recording, String ownCode, String ownName) throws IOException {
        FlightSummary summary = new FlightSummary(ownCode, ownName);
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            summary.add(event);
        }
        return summary;
    }

    private void add(RecordedEvent event) {
        switch (event.getEventType().getName()) {
            case "jdk.ExecutionSample" -> {
                cpuSamples++;
                count(cpuTop, topFrame(event.getStackTrace()), 1);
                count(cpuByHubFrame, hubFrame(event.getStackTrace()), 1);
                count(cpuByThread, threadName(event, "sampledThread"), 1);
            }
            case "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark" -> {
                if (inHubCode(event.getStackTrace())) {
                    count(blockedByHubFrame, hubFrame(event.getStackTrace()), event.getDuration().toNanos());
                }
            }
            case "jdk.SocketRead" -> {
                if (inHubCode(event.getStackTrace())) {
                    count(socketReadByHubFrame, hubFrame(event.getStackTrace()) + " ← port " + event.getInt("port"),
                            event.getDuration().toNanos());
                }
            }
            case "jdk.GarbageCollection" -> {
                gcCount++;
                gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
            }
            case "jdk.GCHeapSummary" -> maxHeapUsed = Math.max(maxHeapUsed, event.getLong("heapUsed"));
            case "jdk.Compilation" -> {
                longCompilations++;
                count(compiledByPackage, codePackage(event.getValue("method")), event.getDuration().toNanos());
            }
            case "jdk.Deoptimization" -> {
                deoptimizations++;
                count(deoptimizedBy, event.getString("reason") + " in " + codePackage(event.getValue("method")), 1);
            }
            case "jdk.CompilerStatistics" -> {
                lastCompileCount = event.getLong("compileCount");
                firstCompileCount = firstCompileCount < 0 ? lastCompileCount : firstCompileCount;
            }
            case "jdk.ClassLoadingStatistics" -> {
                lastLoadedClasses = event.getLong("loadedClassCount");
                firstLoadedClasses = firstLoadedClasses < 0 ? lastLoadedClasses : firstLoadedClasses;
            }
            default -> {
            }
        }
    }

    /** Prints the summary; {@code ports} names the services' ports in the socket reads. */
    void print(Map<Integer, String> ports) {
        System.out.printf("  flight recording: %,d CPU samples; GC %d collections, %d ms paused; heap used at most %.0f MiB%n",
                cpuSamples, gcCount, gcPauseNanos / 1_000_000,
                maxHeapUsed / 1048576.0);
        print("CPU samples by hottest method", cpuTop, cpuSamples, v -> v + " samples");
        print("CPU samples by innermost " + ownName + " frame", cpuByHubFrame, cpuSamples, v -> v + " samples");
        print("CPU samples by thread", cpuByThread, cpuSamples, v -> v + " samples");
        System.out.printf("  JIT: %,d compilations during the recording (%,d classes loaded); %,d of 100 ms or more,"
                + " %,d deoptimizations%n", lastCompileCount - Math.max(0, firstCompileCount),
                lastLoadedClasses - Math.max(0, firstLoadedClasses), longCompilations, deoptimizations);
        print("compilations of 100 ms or more by the compiled method's package", compiledByPackage, 0,
                v -> Duration.ofNanos(v).toMillis() + " ms");
        print("deoptimizations by reason and package", deoptimizedBy, deoptimizations, v -> v + "");
        print("blocked in " + ownName + " code (monitor enter/wait, park) by innermost " + ownName + " frame",
                blockedByHubFrame, 0,
                v -> Duration.ofNanos(v).toMillis() + " ms");
        Map<String, Long> named = new HashMap<>();
        socketReadByHubFrame.forEach((k, v) -> {
            String port = k.substring(k.lastIndexOf(' ') + 1);
            String service = ports.getOrDefault(Integer.parseInt(port), "port " + port);
            named.merge(k.substring(0, k.lastIndexOf(" ← ")) + " ← " + service, v, Long::sum);
        });
        print("socket reads of 10 ms or more (profile's threshold) from " + ownName + " code, by innermost " + ownName
                        + " frame and peer",
                named, 0,
                v -> Duration.ofNanos(v).toMillis() + " ms");
    }

    private static void print(String title, Map<String, Long> counts, long total, Function<Long, String> unit) {
        System.out.printf("  %s:%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> System.out.printf("    %6s  %-14s %s%n",
                        total > 0 ? String.format("%.1f%%", 100.0 * e.getValue() / total) : "",
                        unit.apply(e.getValue()), e.getKey()));
    }

    private static void count(Map<String, Long> counts, String key, long amount) {
        counts.merge(key, amount, Long::sum);
    }

    private static String topFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        return method(stack.getFrames().get(0));
    }

    private boolean inHubCode(RecordedStackTrace stack) {
        return stack != null && stack.getFrames().stream()
                .anyMatch(frame -> frame.getMethod().getType().getName().startsWith(ownCode));
    }

    /**
     * The innermost frame of the recorded JVM's own code (org.casehub for a hub); else, marked, the innermost frame (a
     * library's thread polling or parked: Kafka's, Artemis's, the HTTP server's).
     */
    private String hubFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        List<RecordedFrame> frames = stack.getFrames();
        for (RecordedFrame frame : frames) {
            if (frame.getMethod().getType().getName().startsWith(ownCode)) {
                return method(frame);
            }
        }
        return "(outside " + ownName + ") " + method(frames.get(0));
    }

    private static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    /** The package of a recorded method's class, to three levels (org.casehub.index, com.dashjoin.jsonata, …). */
    private static String codePackage(jdk.jfr.consumer.RecordedMethod method) {
        if (method == null) {
            return "(unknown)";
        }
        String[] parts = method.getType().getName().split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, Math.max(1, parts.length - 1))));
    }

    private static String threadName(RecordedEvent event, String field) {
        var thread = event.getThread(field);
        return thread == null ? "(unknown)" : thread.getJavaName().replaceAll("\\d+", "#");
    }
}
