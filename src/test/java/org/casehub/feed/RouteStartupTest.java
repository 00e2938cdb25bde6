package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.util.AntPathMatcher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RouteStartupTest {

    private static final String[] FILES = {"file:/srv/casehub/routes/feeds/livelihood.camel.yaml",
            "file:/srv/casehub/routes/feeds/livelihood-webhook.camel.yaml", "classpath:routes/feeds/public-safety.camel.yaml",
            "file:/srv/casehub/routes/simulator.camel.yaml", "classpath:routes/pipeline.camel.yaml"};

    private static MockEnvironment environment() {
        return new MockEnvironment()
                .withProperty("casehub.feeds.livelihood.name", "12345")
                .withProperty("casehub.feeds.public-safety.name", "深平安")
                .withProperty("casehub.feeds.public-safety.enabled", "true");
    }

    /** Whether Camel's route collector leaves each of {@link #FILES} out with the pattern the environment ends up with. */
    private static Boolean[] excluded(MockEnvironment environment) {
        new RouteStartup().postProcessEnvironment(environment, new SpringApplication());
        String pattern = environment.getProperty(RouteStartup.EXCLUDE);
        Boolean[] out = new Boolean[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            out[i] = pattern != null && AntPathMatcher.INSTANCE.anyMatch(pattern.split(","), FILES[i]);
        }
        return out;
    }

    @Test
    void aDisabledFeedsRouteFilesAndTheSimulatorOffAreLeftOut() {
        MockEnvironment environment = environment().withProperty("casehub.feeds.livelihood.enabled", "false");

        assertThat(excluded(environment)).containsExactly(true, true, false, true, false);
    }

    @Test
    void everyFileLoadsWhenEveryFeedIsEnabledAndTheSimulatorOn() {
        MockEnvironment environment = environment().withProperty("casehub.simulator.enabled", "true");

        assertThat(excluded(environment)).containsOnly(false);
        assertThat(environment.containsProperty(RouteStartup.EXCLUDE)).isFalse();
    }

    @Test
    void anExplicitPatternIsLeftAsItIs() {
        MockEnvironment environment = environment().withProperty(RouteStartup.EXCLUDE, "**/feeds/public-safety.camel.yaml");

        new RouteStartup().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(RouteStartup.EXCLUDE)).isEqualTo("**/feeds/public-safety.camel.yaml");
    }
}
