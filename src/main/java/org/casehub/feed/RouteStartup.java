package org.casehub.feed;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides which routes start with the hub: a feed disabled in {@code config/feeds.yaml} ({@code enabled: false})
 * keeps its routes ({@code feed-<id>}, {@code feed-<id>-…}) stopped, and the simulator's routes start only with
 * {@code casehub.simulator.enabled=true}. The route files cannot say it themselves: the Camel YAML DSL schema, which
 * Kaoto and the Camel tooling validate against, takes {@code autoStartup} only as a literal boolean, not a
 * placeholder. Camel matches the pattern each time a route starts, so a route added or reloaded later obeys it too.
 */
@Component
public class RouteStartup implements CamelContextConfiguration {

    private final FeedProperties feeds;
    private final boolean simulator;

    public RouteStartup(FeedProperties feeds, @Value("${casehub.simulator.enabled}") boolean simulator) {
        this.feeds = feeds;
        this.simulator = simulator;
    }

    /** Camel's auto-startup exclude pattern (route ids, wildcards, comma-separated); null when every route starts. */
    String excludePattern() {
        List<String> patterns = new ArrayList<>();
        feeds.feeds().forEach((id, feed) -> {
            if (!feed.enabled()) {
                patterns.add("feed-" + id);
                patterns.add("feed-" + id + "-*");
            }
        });
        if (!simulator) {
            patterns.add("simulator-*");
        }
        return patterns.isEmpty() ? null : String.join(",", patterns);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.setAutoStartupExcludePattern(excludePattern());
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // the pattern is all there is to set
    }
}
