package org.casehub.home;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The home folder ({@code casehub.home}, default: the working directory) holds routes/, mappings/,
 * schemas/ and config/. Whatever it lacks comes from the copies packaged in the jar, so that
 * {@code java -jar} works from any directory.
 */
@Component
public class CasehubHome {

    public static final String PROPERTY = "casehub.home";

    private final Path root;

    public CasehubHome(HomeProperties properties) {
        this.root = properties.root();
    }

    public Path root() {
        return root;
    }

    /** A file of the home folder, or the packaged copy of the same relative path. */
    public Resource resource(String relativePath) {
        Path file = root.resolve(relativePath);
        if (Files.isRegularFile(file)) {
            return new FileSystemResource(file);
        }
        return new ClassPathResource(relativePath);
    }

    public String read(String relativePath) {
        Resource resource = resource(relativePath);
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relativePath + " from " + root + " or the packaged copy", e);
        }
    }

    /**
     * Spring reads ./config/ of the working directory by itself; a home folder elsewhere
     * ({@code --casehub.home=...}, {@code -Dcasehub.home} or {@code CASEHUB_HOME}) must be named to it
     * before the context starts.
     */
    public static void useConfigFolderOf(String[] args) {
        String home = Arrays.stream(args)
                .filter(a -> a.startsWith("--" + PROPERTY + "="))
                .map(a -> a.substring(PROPERTY.length() + 3))
                .findFirst()
                .orElseGet(() -> System.getProperty(PROPERTY, System.getenv("CASEHUB_HOME")));
        if (home != null && System.getProperty("spring.config.additional-location") == null) {
            System.setProperty("spring.config.additional-location",
                    "optional:file:" + Path.of(home).toAbsolutePath().normalize() + "/config/");
        }
    }
}
