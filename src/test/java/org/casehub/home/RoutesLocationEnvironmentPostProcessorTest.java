package org.casehub.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RoutesLocationEnvironmentPostProcessorTest {

    @TempDir
    Path home;

    private MockEnvironment processed(MockEnvironment environment) {
        new RoutesLocationEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void reloadWatchesTheHomeFoldersRoutesRecursivelyWhenAsked() throws IOException {
        Files.createDirectories(home.resolve("routes/feeds"));

        MockEnvironment environment = processed(new MockEnvironment()
                .withProperty("casehub.home", home.toString()).withProperty("casehub.reload.enabled", "true"));

        assertThat(environment.getProperty("camel.main.routes-reload-enabled")).isEqualTo("true");
        assertThat(environment.getProperty("camel.main.routes-reload-directory")).isEqualTo(home.resolve("routes").toString());
        assertThat(environment.getProperty("camel.main.routes-reload-directory-recursive")).isEqualTo("true");
        assertThat(environment.getProperty("camel.main.routes-reload-pattern")).isEqualTo("*.camel.yaml");
    }

    @Test
    void routesPackagedInTheJarAreNeverWatched() {
        MockEnvironment environment = processed(new MockEnvironment()
                .withProperty("casehub.home", home.toString()).withProperty("casehub.reload.enabled", "true"));

        assertThat(environment.getProperty("camel.main.routes-reload-enabled")).isNull();
        assertThat(environment.getProperty("camel.main.routes-include-pattern")).startsWith("classpath:routes/");
    }

    @Test
    void reloadStaysOffWhenNotAsked() throws IOException {
        Files.createDirectories(home.resolve("routes"));

        MockEnvironment environment = processed(new MockEnvironment().withProperty("casehub.home", home.toString()));

        assertThat(environment.getProperty("camel.main.routes-reload-enabled")).isNull();
    }
}
