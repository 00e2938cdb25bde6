package org.casehub.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides which route files the hub loads: a feed disabled in {@code config/feeds.yaml} ({@code enabled: false})
 * leaves its files ({@code routes/feeds/<id>.camel.yaml}, {@code <id>-….camel.yaml}) out, and the simulator's file
 * is loaded only with {@code casehub.simulator.enabled=true}. The route files cannot say it themselves: the Camel YAML
 * DSL schema, which Kaoto and the Camel tooling validate against, takes {@code autoStartup} only as a literal
 * boolean, not a placeholder (and Camel's auto-startup exclude pattern is ignored by the supervising route
 * controller, which starts every route whose own flag allows it). So this sets Camel's
 * {@code camel.main.routes-exclude-pattern} (unless it is set explicitly) once the configuration files, feeds.yaml
 * among them, are read.
 */
public class RouteStartup implements EnvironmentPostProcessor, Ordered {

    static final String EXCLUDE = "camel.main.routes-exclude-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(EXCLUDE)) {
            return;
        }
        String pattern = excludePattern(environment);
        if (pattern != null) {
            environment.getPropertySources().addLast(new MapPropertySource("casehubRouteStartup", Map.of(EXCLUDE, pattern)));
        }
    }

    /** Camel's routes exclude pattern (Ant paths of route files, comma-separated); null when every file loads. */
    static String excludePattern(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        List<String> patterns = new ArrayList<>();
        binder.bind("casehub.feeds", Bindable.mapOf(String.class, FeedSwitch.class)).orElse(Map.of())
                .forEach((id, feed) -> {
                    if (!feed.enabled()) {
                        patterns.add("**/feeds/" + id + ".camel.yaml");
                        patterns.add("**/feeds/" + id + "-*.camel.yaml");
                    }
                });
        if (!binder.bind("casehub.simulator.enabled", Boolean.class).orElse(false)) {
            patterns.add("**/simulator.camel.yaml");
        }
        return patterns.isEmpty() ? null : String.join(",", patterns);
    }

    /** The one field of a feed's registry entry read here; the rest is {@link FeedProperties}'. */
    record FeedSwitch(Boolean enabled) {

        @Override
        public Boolean enabled() {
            return enabled == null || enabled;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
