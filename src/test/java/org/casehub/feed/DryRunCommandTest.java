package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunCommandTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DryRunCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheCaseOfEveryValidSampleAndExitsZero() throws IOException {
        Path file = folder.resolve("orders.jsonl");
        Files.copy(Path.of("mappings/samples/livelihood.jsonl"), file);

        int exit = run("--casehub.dry-run.feed=livelihood", "--casehub.dry-run.file=" + file);

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("\"records\" : 5").contains("\"invalid\" : 0").contains("\"case\" : {")
                .doesNotContain("17747636337");
    }

    @Test
    void printsTheErrorsOfAnInvalidRecordWithJsonPointersAndExitsOne() throws IOException {
        Path file = folder.resolve("orders.json");
        Files.write(file, List.of("[{\"orderNo\":\"GD12345-20261122-000001\",\"updateTime\":\"2026-11-22 08:00:00\","
                + "\"matterType\":\"噪声\"}]"));

        int exit = run("--casehub.dry-run.feed=livelihood", "--casehub.dry-run.file=" + file);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"stage\" : \"source-schema\"").contains("/matterType: ");
    }

    @Test
    void anUnknownFeedExitsTwoNamingIt() throws IOException {
        Path file = Files.writeString(folder.resolve("x.jsonl"), "{}");

        int exit = run("--casehub.dry-run.feed=no-such-feed", "--casehub.dry-run.file=" + file);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-such-feed");
    }

    @Test
    void onlyAFeedArgumentAsksForADryRun() {
        assertThat(DryRunCommand.requested(new String[] {"--casehub.dry-run.feed=livelihood"})).isTrue();
        assertThat(DryRunCommand.requested(new String[] {"--casehub.simulator.enabled=true"})).isFalse();
    }
}
