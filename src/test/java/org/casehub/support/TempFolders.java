package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.util.FileSystemUtils;

/**
 * Temporary folders of a test JVM (hubs' data folders, home copies), deleted when the JVM exits: the hubs that
 * Spring's test context cache keeps use theirs until then, and a CI machine must not fill its disk with them (a full
 * disk makes Artemis block every producer).
 * <p>
 * The JVM runs its shutdown hooks all at once, and Spring closes each cached hub in a hook of its own. A folder
 * deleted under a hub still stopping makes its embedded Kafka find every log directory failed and halt the JVM with
 * status 1 — after every test passed, failsafe then reports "Error occurred in starting fork" and the build fails.
 * So the deleting hook first waits for Spring's hooks to finish.
 */
public final class TempFolders {

    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();
    /** longer than a hub takes to stop; the fork's own exit timeout (30 s by default) is counted from here */
    private static final Duration HOOK_WAIT = Duration.ofMinutes(2);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::deleteOnceHubsStopped, "temp-folders"));
    }

    private TempFolders() {
    }

    public static Path create(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            CREATED.add(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spring's hooks: "SpringContextShutdownHook" (a context's own), "SpringApplicationShutdownHook" (Boot's). */
    private static void deleteOnceHubsStopped() {
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread != Thread.currentThread() && thread.getName().startsWith("Spring")
                        && thread.getName().endsWith("ShutdownHook"))
                .forEach(TempFolders::awaitStopped);
        CREATED.forEach(TempFolders::delete);
    }

    private static void awaitStopped(Thread hook) {
        try {
            hook.join(HOOK_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path folder) {
        try {
            FileSystemUtils.deleteRecursively(folder);
        } catch (IOException e) {
            // a file still held open at exit: the next boot's /tmp clean-up takes it
        }
    }
}
