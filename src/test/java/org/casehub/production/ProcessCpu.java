package org.casehub.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a service the benchmark runs as processes of its own (PostgreSQL's server processes, the Kafka and
 * Artemis JVMs), read from Linux's {@code /proc/<pid>/stat}: user and system time of the process and of its
 * descendants, plus what its ended children left to it (a PostgreSQL backend that exited is counted by the postmaster
 * that reaped it). Clock ticks of 10 ms ({@code USER_HZ} is 100 on Linux).
 */
final class ProcessCpu {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** The CPU used so far by {@code pid} and every process below it, in nanoseconds; 0 when there is no such process. */
    static long ofTree(long pid) {
        return ProcessHandle.of(pid).map(root -> Stream.concat(Stream.of(root), root.descendants())
                .mapToLong(p -> ticks(p.pid())).sum() * NANOS_PER_TICK).orElse(0L);
    }

    /** The CPU the whole machine was busy for so far (all cores: user, nice, system, irq, softirq, steal), in nanoseconds. */
    static long machineBusy() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime + stime + cutime + cstime (fields 14–17), read after the command name, which may hold spaces. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0; // ended meanwhile
        }
    }
}
