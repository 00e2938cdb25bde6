package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry-run command as README runs it, from the packaged jar: everything it prints on stdout is the report's JSON,
 * so that {@code … | jq} works; whatever a library logs goes to stderr.
 */
class DryRunCommandJarIT {

    @TempDir
    Path folder;

    @Test
    void thePackagedJarPrintsOnlyTheReportsJsonOnStdout() throws IOException, InterruptedException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("casehub-.*\\.jar")).findFirst().orElseThrow();
        }
        Path stdout = folder.resolve("stdout");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toAbsolutePath().toString(), "--casehub.dry-run.feed=livelihood",
                "--casehub.dry-run.file=" + Path.of("mappings/samples/livelihood.jsonl").toAbsolutePath())
                .directory(folder.toFile()).redirectOutput(stdout.toFile())
                .redirectError(folder.resolve("stderr").toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(Files.readString(folder.resolve("stderr"))).isZero();
        JsonNode report = new ObjectMapper().readTree(stdout.toFile());
        assertThat(report.path("records").asInt()).isEqualTo(5);
        assertThat(report.path("valid").asInt()).isEqualTo(5);
        assertThat(new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8).strip()).startsWith("{").endsWith("}");
        assertThat(new File(folder.toFile(), "data")).as("a dry run writes nothing").doesNotExist();
    }
}
