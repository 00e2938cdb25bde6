package org.casehub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.util.FileSystemUtils;

/**
 * Temporary folders of a test JVM (hubs' data folders, home copies), deleted when the JVM exits: the hubs that
 * Spring's test context cache keeps use theirs until then, and a CI machine must not fill its disk with them (a full
 * disk makes Artemis block every producer).
 */
public final class TempFolders {

    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(TempFolders::delete), "temp-folders"));
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

    private static void delete(Path folder) {
        try {
            FileSystemUtils.deleteRecursively(folder);
        } catch (IOException e) {
            // a file still held open at exit: the next boot's /tmp clean-up takes it
        }
    }
}
