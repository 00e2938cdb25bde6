package org.casehub.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.embedded.FreePorts;
import org.casehub.security.TestClients;
import org.casehub.support.HubHttp;
import org.casehub.support.HubInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.util.FileSystemUtils;

/**
 * The packaged jar started as {@code java -jar} from a folder holding a home copy, with no {@code casehub.home}
 * given: the default {@code .} is that working folder (not the embedded Tomcat's document base), so a code list
 * edited there is reloaded and used.
 */
// the jar runs its embedded default (H2) whatever the ITs' database: once is enough (on the class, so that a skipped
// run creates no folder)
@DisabledIfSystemProperty(named = "casehub.test.db", matches = "postgresql", disabledReason = "database-independent")
class PackagedJarHomeIT {

    private static final String ORDER = """
            {"orderNo":"GD12345-20261122-910001","updateTime":"2026-11-22 08:00:00","acceptTime":"2026-11-22 08:00:00",\
            "channel":"小程序","category":"投诉","matterType":"城市管理/噪声","title":"夜间施工","content":"梅观路夜间施工噪声。",\
            "districtName":"南山区","streetName":"粤海街道","address":"南山区粤海街道梅观路16号","state":"已派单"}""";

    private final Path folder = HubInstances.homeCopy();
    private Process hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.destroy();
            if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        FileSystemUtils.deleteRecursively(folder);
    }

    @Test
    void aCodeListEditedInTheWorkingFolderOfTheJarIsReloadedAndUsed() throws Exception {
        Files.copy(Path.of("src/test/resources/test-clients.yaml"), folder.resolve("test-clients.yaml"));
        int port = FreePorts.free();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-jar", packagedJar().toString(),
                "--server.port=" + port,
                "--casehub.embedded.kafka.port=" + FreePorts.free(),
                "--casehub.embedded.artemis.port=" + FreePorts.free(),
                "--casehub.reload.period=PT0.2S",
                "--casehub.access.extra-client-files=file:test-clients.yaml"));
        hub = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(folder.resolve("hub.log").toFile()).start();
        HubHttp http = new HubHttp(port);

        JsonNode before = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> dryRun(http), answer -> answer != null);
        assertThat(before.path("stage").asText()).as(before.toString()).isEqualTo("code-list");

        Path list = folder.resolve("mappings/codes/livelihood.channel.json");
        HubHttp.writeAtOnce(list, Files.readString(list).replaceFirst("\\{", "{\n  \"小程序\": \"app\","));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(dryRun(http).path("case").path("channel").asText()).isEqualTo("app"));
        assertThat(Files.isDirectory(folder.resolve("data"))).as("the data folder is the working folder's ./data").isTrue();
    }

    /** The dry run's first result, or null while the hub does not answer yet. */
    private static JsonNode dryRun(HubHttp http) {
        HttpResponse<String> response = http.post("/api/feeds/livelihood/dry-run",
                Map.of("X-Api-Key", TestClients.OPERATOR_KEY, "Content-Type", "application/x-ndjson"), ORDER + "\n");
        return response.statusCode() == 200 ? HubHttp.json(response).path("results").get(0) : null;
    }

    private static Path packagedJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "casehub-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().endsWith("-plain.jar")) {
                    return jar.toAbsolutePath();
                }
            }
        }
        throw new IllegalStateException("no packaged jar in target/: run mvn package first");
    }
}
