package org.casehub.production;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import jdk.management.jfr.FlightRecorderMXBean;

import org.casehub.embedded.FreePorts;

/**
 * Reads a hub process from outside through JMX, as an operator's console would: the CPU time it used, its peak heap,
 * the time Camel spent in each step of each route (Camel's own processor statistics), and a flight recording of
 * a chosen stretch, and a wall-clock profile of one thread (its stack sampled every few milliseconds, whatever it is
 * doing: running, waiting for a socket, parked). The hub is started with {@link #jvmOptions()}.
 */
final class HubProbe implements AutoCloseable {

    /** Time spent in one step of a route: exchanges through it and their total processing time. */
    record Step(String route, int index, String name, long exchanges, long totalMillis) {

        Step minus(Step before) {
            return before == null ? this : new Step(route, index, name, exchanges - before.exchanges,
                    totalMillis - before.totalMillis);
        }
    }

    /**
     * The hub's CPU at one moment: the whole process's, each live thread's (by id: name and CPU time), and the JVM's own
     * clocks — time spent compiling (CompilationMXBean) and collecting (every collector's time, i.e. pauses and
     * concurrent phases as the collectors count them), and the classes loaded so far (a JVM that keeps loading classes
     * keeps compiling them). Compiler and GC threads are not Java threads: the process's CPU minus its Java threads'
     * is theirs (and the VM's other threads').
     */
    record Cpu(long processNanos, Map<Long, ThreadCpu> threads, long compileMillis, long gcMillis, long loadedClasses) {
    }

    /** One thread's name and CPU time so far. */
    record ThreadCpu(String name, long nanos) {
    }

    private final int port;
    private JMXConnector connector;
    private MBeanServerConnection server;
    private FlightRecorderMXBean flightRecorder;
    private com.sun.management.ThreadMXBean threads;
    private long recording;
    private ScheduledExecutorService sampler;
    private final Map<String, Long> wallSamples = new ConcurrentHashMap<>();
    private final AtomicLong wallTotal = new AtomicLong();
    private final AtomicLong sampledHeapPeak = new AtomicLong();

    private HubProbe(int port) {
        this.port = port;
    }

    /** A probe on a free port: start the hub with its {@link #jvmOptions()}, then {@link #connect()}. */
    static HubProbe onFreePort() {
        return new HubProbe(FreePorts.free());
    }

    /**
     * The benchmark's own JVM read the same way (its platform MBean server): what the benchmark costs the machine it
     * shares with the hub.
     */
    static HubProbe local() {
        HubProbe probe = new HubProbe(0);
        probe.server = ManagementFactory.getPlatformMBeanServer();
        probe.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return probe;
    }

    /** Remote JMX on 127.0.0.1 only, without authentication: a benchmark's hub, never a deployment's. */
    List<String> jvmOptions() {
        return List.of("-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false");
    }

    HubProbe connect() throws IOException {
        connector = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
        server = connector.getMBeanServerConnection();
        flightRecorder = JMX.newMXBeanProxy(server, name("jdk.management.jfr:type=FlightRecorder"), FlightRecorderMXBean.class);
        threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                com.sun.management.ThreadMXBean.class);
        return this;
    }

    /**
     * Samples the stack of the hub's thread whose name contains {@code threadName} every {@code periodMillis} until
     * {@link #stopSampling()}, each sample counted under what the thread was doing in the innermost casehub frame.
     */
    void startSampling(String threadName, long periodMillis) {
        long id = java.util.Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().contains(threadName))
                .mapToLong(ThreadInfo::getThreadId).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread " + threadName + " in the hub"));
        wallSamples.clear();
        wallTotal.set(0);
        // a sample at a fixed rate on a thread of its own: the sampler's period, not a wait for an outcome
        sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hub-thread-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> {
            ThreadInfo info = threads.getThreadInfo(id, Integer.MAX_VALUE);
            if (info != null) {
                wallSamples.merge(doing(info), 1L, Long::sum);
                wallTotal.incrementAndGet();
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops sampling: what the thread was doing → share of the samples (0–1). */
    Map<String, Double> stopSampling() throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        Map<String, Double> shares = new HashMap<>();
        wallSamples.forEach((doing, n) -> shares.put(doing, (double) n / wallTotal.get()));
        return shares;
    }

    long wallSamples() {
        return wallTotal.get();
    }

    /** "running", "in native code" (a socket read, mostly) or the thread's wait state, at the innermost casehub frame. */
    private static String doing(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        String state = switch (info.getThreadState()) {
            case RUNNABLE -> stack.length > 0 && stack[0].isNativeMethod() ? "native " : "running";
            case BLOCKED -> "blocked";
            default -> "waiting";
        };
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("org.casehub.")) {
                String type = frame.getClassName().replaceAll("\\$\\$.*", "");
                return state + " " + type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName();
            }
        }
        return state + " (outside casehub) " + (stack.length > 0 ? stack[0].getClassName()
                .substring(stack[0].getClassName().lastIndexOf('.') + 1) + "." + stack[0].getMethodName() : "");
    }

    /** CPU time of the whole hub process (all its threads), in nanoseconds. */
    long cpuNanos() throws Exception {
        return (Long) server.getAttribute(name("java.lang:type=OperatingSystem"), "ProcessCpuTime");
    }

    /** Every CPU clock of the hub at this moment (see {@link Cpu}). */
    Cpu cpu() throws Exception {
        long process = cpuNanos();
        long[] ids = threads.getAllThreadIds();
        long[] nanos = threads.getThreadCpuTime(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<Long, ThreadCpu> each = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && nanos[i] >= 0) {
                each.put(ids[i], new ThreadCpu(infos[i].getThreadName(), nanos[i]));
            }
        }
        long compile = (Long) server.getAttribute(name(ManagementFactory.COMPILATION_MXBEAN_NAME), "TotalCompilationTime");
        long gc = 0;
        for (ObjectName collector : server.queryNames(name(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
            gc += (Long) server.getAttribute(collector, "CollectionTime");
        }
        long classes = (Long) server.getAttribute(name(ManagementFactory.CLASS_LOADING_MXBEAN_NAME), "TotalLoadedClassCount");
        return new Cpu(process, each, compile, gc, classes);
    }

    /** Forgets the heap's peaks so far (start-up's): the pools' and the one read by {@link #sampleHeap()}. */
    void resetPeakHeap() throws Exception {
        for (ObjectName pool : heapPools()) {
            server.invoke(pool, "resetPeakUsage", null, null);
        }
        sampledHeapPeak.set(0);
    }

    /**
     * The heap's peak since {@link #resetPeakHeap()}: the sum of each heap pool's peak — an upper bound, since each
     * pool peaks at its own moment (eden just before a collection, the old generation later), so it can pass -Xmx.
     */
    long peakHeapBytes() throws Exception {
        long peak = 0;
        for (ObjectName pool : heapPools()) {
            peak += MemoryUsage.from((CompositeData) server.getAttribute(pool, "PeakUsage")).getUsed();
        }
        return peak;
    }

    /** Reads the heap in use now, keeping the highest reading: what a console polling the hub would see peak. */
    void sampleHeap() throws Exception {
        long used = MemoryUsage.from((CompositeData) server.getAttribute(name(ManagementFactory.MEMORY_MXBEAN_NAME),
                "HeapMemoryUsage")).getUsed();
        sampledHeapPeak.accumulateAndGet(used, Math::max);
    }

    /** The highest heap in use {@link #sampleHeap()} read since {@link #resetPeakHeap()}. */
    long sampledHeapPeakBytes() {
        return sampledHeapPeak.get();
    }

    /** The heap each pool held right after its last collection, summed: the live data, not the garbage awaiting one. */
    long heapAfterCollectionsBytes() throws Exception {
        long live = 0;
        for (ObjectName pool : heapPools()) {
            Object usage = server.getAttribute(pool, "CollectionUsage");
            if (usage != null) {
                live += MemoryUsage.from((CompositeData) usage).getUsed();
            }
        }
        return live;
    }

    private List<ObjectName> heapPools() throws Exception {
        return server.queryNames(name("java.lang:type=MemoryPool,*"), null).stream()
                .filter(pool -> {
                    try {
                        return "HEAP".equals(server.getAttribute(pool, "Type").toString());
                    } catch (Exception e) {
                        return false;
                    }
                }).toList();
    }

    /** Camel's statistics of every processor of every route, by route and processor id (cumulative since start). */
    Map<String, Step> steps() throws Exception {
        Map<String, Step> steps = new HashMap<>();
        for (ObjectName processor : server.queryNames(name("org.apache.camel:type=processors,*"), null)) {
            String route = (String) server.getAttribute(processor, "RouteId");
            String id = (String) server.getAttribute(processor, "ProcessorId");
            Integer index = (Integer) server.getAttribute(processor, "Index");
            steps.put(route + "/" + id, new Step(route, index == null ? 0 : index, describe(processor),
                    (Long) server.getAttribute(processor, "ExchangesCompleted"),
                    (Long) server.getAttribute(processor, "TotalProcessingTime")));
        }
        for (ObjectName route : server.queryNames(name("org.apache.camel:type=routes,*"), null)) {
            String id = (String) server.getAttribute(route, "RouteId");
            steps.put(id + "/", new Step(id, -1, "(whole route)", (Long) server.getAttribute(route, "ExchangesCompleted"),
                    (Long) server.getAttribute(route, "TotalProcessingTime")));
        }
        return steps;
    }

    /** A bean step as bean class and method; any other step by its processor name. */
    private String describe(ObjectName processor) throws Exception {
        String kind = (String) server.getAttribute(processor, "ProcessorName");
        if ("bean".equals(kind)) {
            String bean = (String) server.getAttribute(processor, "BeanClassName");
            String method = ((String) server.getAttribute(processor, "Method")).replaceAll("\\(.*", "");
            return bean.substring(bean.lastIndexOf('.') + 1).replaceAll("\\$\\$.*", "") + "." + method;
        }
        return kind;
    }

    /** Starts a flight recording with the JDK's "profile" settings (CPU samples every 10 ms, locks, sockets, GC). */
    void startRecording() {
        recording = flightRecorder.newRecording();
        flightRecorder.setPredefinedConfiguration(recording, "profile");
        flightRecorder.startRecording(recording);
    }

    /** Stops it and has the hub write it to {@code file}. */
    void stopRecording(Path file) throws IOException {
        flightRecorder.stopRecording(recording);
        flightRecorder.copyTo(recording, file.toAbsolutePath().toString());
        flightRecorder.closeRecording(recording);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        if (connector != null) {
            connector.close();
        }
    }
}
