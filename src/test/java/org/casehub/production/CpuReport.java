package org.casehub.production;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the CPU went during a measured stretch: the hub's threads grouped by what they do (by their names), the hub
 * JVM's own work (JIT compiler, GC, VM threads), and the services beside it (PostgreSQL, Kafka, Artemis, the benchmark
 * itself), each per record, so that a note can say where the machine's cores went. A thread that ended during the
 * stretch is lost from its group (it shows in the hub's "JVM" remainder); one that started is counted from zero.
 */
final class CpuReport {

    /** Thread groups, the first whose test a thread's name passes. */
    private static final List<Map.Entry<String, Predicate<String>>> GROUPS = List.of(
            Map.entry("Kafka consumers (feeds: poll, store, commit)", n -> n.contains("KafkaConsumer[") || n.contains("kafka-coordinator")),
            Map.entry("normalizing threads", n -> n.startsWith("casehub-normalize")),
            Map.entry("relays (outbox, Kafka producer, Artemis client)", n -> n.contains("relay") || n.startsWith("outbox-wake")
                    || n.startsWith("kafka-producer") || n.contains("ActiveMQ")),
            Map.entry("health, feed statistics, lag", n -> n.contains("health") || n.contains("lag")),
            Map.entry("other casehub background threads", n -> n.startsWith("casehub-")),
            Map.entry("Camel and Spring schedulers", n -> n.startsWith("Camel (") || n.startsWith("scheduling") || n.startsWith("task-")),
            Map.entry("HTTP (the benchmark's metrics scrapes)", n -> n.startsWith("http-nio") || n.contains("tomcat")),
            Map.entry("JMX/RMI (the benchmark's probe)", n -> n.startsWith("RMI") || n.contains("JMX")),
            Map.entry("other Java threads", n -> true));

    /** The clocks at one moment: the hub's, the benchmark's own JVM's, each service's process tree, the machine's. */
    record Snapshot(HubProbe.Cpu hub, HubProbe.Cpu benchmark, Map<String, Long> services, long machine) {

        private static final HubProbe BENCHMARK = HubProbe.local();

        static Snapshot take(HubProbe probe, Map<String, Long> servicePids) throws Exception {
            Map<String, Long> services = new LinkedHashMap<>();
            servicePids.forEach((name, pid) -> services.put(name, ProcessCpu.ofTree(pid)));
            return new Snapshot(probe.cpu(), BENCHMARK.cpu(), services, ProcessCpu.machineBusy());
        }
    }

    private CpuReport() {
    }

    /** Prints ms per record and cores of the stretch for each group, the hub's JVM work and every service. */
    static void print(Snapshot before, Snapshot after, int records, double seconds) {
        Map<String, Long> groups = new LinkedHashMap<>();
        GROUPS.forEach(g -> groups.put(g.getKey(), 0L));
        for (var entry : after.hub().threads().entrySet()) {
            HubProbe.ThreadCpu then = before.hub().threads().get(entry.getKey());
            long used = entry.getValue().nanos() - (then == null ? 0 : then.nanos());
            String name = entry.getValue().name();
            groups.merge(GROUPS.stream().filter(g -> g.getValue().test(name)).findFirst().orElseThrow().getKey(), used, Long::sum);
        }
        Map<String, Long> threads = byName(before.hub(), after.hub());
        long javaThreads = threads.values().stream().mapToLong(Long::longValue).sum();
        long process = after.hub().processNanos() - before.hub().processNanos();
        System.out.printf("  hub CPU by thread group (ThreadMXBean, %.1f s; ms per record, cores):%n", seconds);
        groups.forEach((group, nanos) -> line(group, nanos, records, seconds));
        line("JVM: JIT compiler, GC, VM threads (process − Java threads)", process - javaThreads, records, seconds);
        line("whole hub process", process, records, seconds);
        System.out.printf("    (JIT compiling %,d ms, GC %,d ms as the JVM counts them; %,d classes loaded)%n",
                after.hub().compileMillis() - before.hub().compileMillis(), after.hub().gcMillis() - before.hub().gcMillis(),
                after.hub().loadedClasses() - before.hub().loadedClasses());
        System.out.printf("  busiest hub threads (digits as #):%n");
        busiest(threads, records, seconds);
        System.out.printf("  the other processes (/proc, process and its children):%n");
        after.services().forEach((name, nanos) -> line(name, nanos - before.services().get(name), records, seconds));
        Map<String, Long> own = byName(before.benchmark(), after.benchmark());
        long ownProcess = after.benchmark().processNanos() - before.benchmark().processNanos();
        line("benchmark JVM (producer, feed watch, probe, its JIT and GC)", ownProcess, records, seconds);
        busiest(own, records, seconds);
        line("  its JIT compiler, GC, VM threads", ownProcess - own.values().stream().mapToLong(Long::longValue).sum(),
                records, seconds);
        line("the whole machine (every process, other engineers' too)", after.machine() - before.machine(), records, seconds);
    }

    /** One line: each process's ms per record over a longer stretch (the units' queues catching up). */
    static void printTotals(String stretch, Snapshot before, Snapshot after, int records) {
        StringBuilder line = new StringBuilder(String.format("  CPU ms per record %s: hub %.2f", stretch,
                (after.hub().processNanos() - before.hub().processNanos()) / 1e6 / records));
        after.services().forEach((name, nanos) -> line.append(String.format(", %s %.2f", name.replaceAll(" \\(.*", ""),
                (nanos - before.services().get(name)) / 1e6 / records)));
        line.append(String.format(", machine %.2f", (after.machine() - before.machine()) / 1e6 / records));
        System.out.println(line);
    }

    /** Each thread's CPU between two readings, summed by its name with digits as #. */
    private static Map<String, Long> byName(HubProbe.Cpu before, HubProbe.Cpu after) {
        Map<String, Long> threads = new LinkedHashMap<>();
        after.threads().forEach((id, thread) -> {
            HubProbe.ThreadCpu then = before.threads().get(id);
            threads.merge(thread.name().replaceAll("\\d+", "#"), thread.nanos() - (then == null ? 0 : then.nanos()), Long::sum);
        });
        return threads;
    }

    private static void busiest(Map<String, Long> threads, int records, double seconds) {
        threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> line("  " + e.getKey(), e.getValue(), records, seconds));
    }

    private static void line(String label, long nanos, int records, double seconds) {
        System.out.printf("    %-62s %8.3f ms  %5.2f cores%n", label, nanos / 1e6 / records, nanos / 1e9 / seconds);
    }
}
