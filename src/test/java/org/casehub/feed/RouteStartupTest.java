package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.casehub.feed.FeedProperties.Feed;
import org.casehub.feed.FeedProperties.VersionFormat;
import org.junit.jupiter.api.Test;

class RouteStartupTest {

    private static Feed feed(boolean enabled) {
        return new Feed("a feed", "http", null, null, null, Duration.ofHours(1), enabled, "/id", "/v", VersionFormat.NUMBER, "4403");
    }

    private static ServiceStatus[] statuses(RouteStartup startup) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:a").routeId("feed-livelihood").log("pull");
                    from("direct:b").routeId("feed-livelihood-webhook").log("push");
                    from("direct:c").routeId("feed-public-safety").log("grid");
                    from("direct:d").routeId("simulator-public-safety").log("play");
                }
            });
            startup.beforeApplicationStart(camel);
            camel.start();
            return new ServiceStatus[] {camel.getRouteController().getRouteStatus("feed-livelihood"),
                    camel.getRouteController().getRouteStatus("feed-livelihood-webhook"),
                    camel.getRouteController().getRouteStatus("feed-public-safety"),
                    camel.getRouteController().getRouteStatus("simulator-public-safety")};
        }
    }

    @Test
    void aDisabledFeedsRoutesAndTheSimulatorOffStayStopped() throws Exception {
        RouteStartup startup = new RouteStartup(
                new FeedProperties(Map.of("livelihood", feed(false), "public-safety", feed(true))), false);

        assertThat(statuses(startup)).containsExactly(
                ServiceStatus.Stopped, ServiceStatus.Stopped, ServiceStatus.Started, ServiceStatus.Stopped);
    }

    @Test
    void everyRouteStartsWhenEveryFeedIsEnabledAndTheSimulatorOn() throws Exception {
        RouteStartup startup = new RouteStartup(
                new FeedProperties(Map.of("livelihood", feed(true), "public-safety", feed(true))), true);

        assertThat(startup.excludePattern()).isNull();
        assertThat(statuses(startup)).containsOnly(ServiceStatus.Started);
    }
}
