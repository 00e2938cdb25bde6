package org.casehub.production;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * What the production suite needs from the build and the machine: the packaged jar and the unpacked Artemis
 * distribution (the pom's production execution names both), and PostgreSQL's server programs (Debian's postgresql
 * package, which .ci/run installs). Missing one skips the suite on a developer's machine and fails it with CI=true.
 */
final class Prerequisites {

    private Prerequisites() {
    }

    static Path jar() {
        return existing("casehub.production.jar", "the packaged hub (mvn verify packages it before the ITs)");
    }

    static Path artemisHome() {
        return existing("casehub.production.artemis-home", "the Artemis distribution (unpacked by the pom)");
    }

    /** The bin folder of the newest PostgreSQL server installed (initdb, pg_ctl, psql). */
    static Path postgresBin() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(v -> v.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseGet(() -> missing("PostgreSQL's server programs under /usr/lib/postgresql/<version>/bin"));
        } catch (java.io.IOException e) {
            return missing("PostgreSQL's server programs: " + e.getMessage());
        }
    }

    private static Path existing(String property, String what) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            return missing(what + " (" + property + "=" + value + ")");
        }
        return Path.of(value);
    }

    private static <T> T missing(String what) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the production suite needs " + what);
        }
        Assumptions.abort("the production suite needs " + what);
        return null;
    }
}
