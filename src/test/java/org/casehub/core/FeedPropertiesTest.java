package org.casehub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.casehub.core.FeedProperties.Feed;
import org.casehub.core.FeedProperties.VersionFormat;
import org.junit.jupiter.api.Test;

class FeedPropertiesTest {

    private static Feed feed(String name) {
        return new Feed(name, "file", null, null, null, Duration.ofHours(1), true, "/id", "/v", VersionFormat.NUMBER, "4403");
    }

    @Test
    void aRereadRegistryAddsNewFeedsAndChangesKnownOnesButRemovesNone() {
        FeedProperties running = new FeedProperties(Map.of("a", feed("A"), "b", feed("B")));

        running.refresh(new FeedProperties(Map.of("a", feed("A2"), "c", feed("C"))));

        assertThat(running.feed("a").name()).isEqualTo("A2");
        assertThat(running.feed("b").name()).isEqualTo("B");
        assertThat(running.feed("c").name()).isEqualTo("C");
    }
}
