package org.casehub.production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the services' log files. */
final class Logs {

    private Logs() {
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps a copy of a service's log under target/production-logs/ (the suite deletes its services' folders), so
     * that a failed CI run can be read afterwards.
     */
    static void keep(Path log, String name) {
        try {
            if (Files.exists(log)) {
                Path kept = Files.createDirectories(Path.of("target/production-logs"));
                Files.copy(log, kept.resolve(System.currentTimeMillis() + "-" + name + ".log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last 60 lines but stack frames, for a failure message. */
    static String tail(Path log) {
        List<String> lines = read(log).lines().filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... ")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
