package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * Temporary folders of a test JVM (hubs' data folders, home copies), under {@code <tmp>/casehub-tests/<pid>/}, and
 * deleted by the next test JVM that starts: the folders of every JVM no longer running go then. A CI machine must not
 * fill its disk with them (a full disk makes Artemis block every producer), and they cannot go at this JVM's own exit:
 * the JVM runs its shutdown hooks all at once, Spring closes each cached hub in a hook of its own, and a folder
 * deleted under a hub still stopping makes its embedded Kafka find its log directory failed (and halt the JVM) and its
 * embedded Artemis meet a critical IO error — after every test passed, failsafe then reports "Error occurred in
 * starting fork" and fails the build. (A hook that first joined Spring's hook threads still lost the race: the JVM
 * starts the hooks one by one, and the deleting one could look before Spring's had started.)
 */
public final class TempFolders {

    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "casehub-tests");
    private static final Path MINE = ROOT.resolve(Long.toString(ProcessHandle.current().pid()));

    static {
        deleteThoseOfEndedJvms();
    }

    private TempFolders() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(MINE), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteThoseOfEndedJvms() {
        if (!Files.isDirectory(ROOT)) {
            return;
        }
        try (Stream<Path> jvms = Files.list(ROOT)) {
            jvms.filter(folder -> !running(folder.getFileName().toString())).forEach(TempFolders::delete);
        } catch (IOException e) {
            // another JVM starting at the same time is deleting them too
        }
    }

    private static boolean running(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void delete(Path folder) {
        try {
            FileSystemUtils.deleteRecursively(folder);
        } catch (IOException e) {
            // a JVM starting at the same time took it, or a file is held: the next start tries again
        }
    }
}
