package org.casehub.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A flight recording of a service's JVM (the Artemis broker) during a profiled burst, started and dumped with
 * {@code jcmd}: after the hub the broker is the largest user of the machine's CPU per record, and only its own samples
 * say whether it spends it on the journal, paging, duplicate detection or routing. A burst that fails leaves it
 * running: the broker is stopped with the suite's services.
 */
final class BrokerRecording {

    private static final String NAME = "casehub-bench";

    private final long pid;
    private final Path folder;

    private BrokerRecording(long pid, Path folder) {
        this.pid = pid;
        this.folder = folder;
    }

    static BrokerRecording start(long pid, Path folder) {
        BrokerRecording recording = new BrokerRecording(pid, folder);
        recording.jcmd("JFR.start", "name=" + NAME, "settings=profile");
        return recording;
    }

    /** Stops the recording and prints its summary, frames named by the code under {@code ownCode}. */
    void printSummary(String ownCode, String ownName) throws IOException {
        Path file = folder.resolve("broker-" + pid + ".jfr");
        jcmd("JFR.stop", "name=" + NAME, "filename=" + file.toAbsolutePath());
        try {
            FlightSummary.of(file, ownCode, ownName).print(Map.of());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void jcmd(String... command) {
        List<String> line = new java.util.ArrayList<>(List.of(jcmdPath(), Long.toString(pid)));
        line.addAll(List.of(command));
        ChildProcess.run("jcmd " + command[0], line, folder, folder.resolve("jcmd.log"));
    }

    private static String jcmdPath() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }
}
