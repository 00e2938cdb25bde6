package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.casehub.core.FeedRecord;
import org.casehub.core.StoreOutcome;
import org.junit.jupiter.api.Test;

class FeedActivityTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FeedActivity activity = new FeedActivity(meters, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aBatchIsCountedAsReceivedThenByEachOutcomeNameTheIndexReports() {
        Exchange batch = new DefaultExchange(new DefaultCamelContext());
        batch.getMessage().setBody(List.of(record(), record(), record()));
        activity.received(batch);
        Map<Object, Integer> outcomes = new LinkedHashMap<>();
        outcomes.put(StoreOutcome.CREATED, 2);
        outcomes.put(StoreOutcome.QUARANTINED, 1);
        outcomes.put("MERGED", 4); // an outcome this code does not know of is counted by its name
        batch.getMessage().setBody(outcomes);
        activity.stored(batch);

        assertThat(activity.lastMinute("public-safety"))
                .containsEntry("received", 3L).containsEntry("created", 2L).containsEntry("quarantined", 1L)
                .containsEntry("merged", 4L);
        assertThat(activity.total("merged")).isEqualTo(4);
        assertThat(activity.lastRecord("public-safety")).contains(NOW);
        assertThat(activity.receivedPerMinute("public-safety")).hasSize(30).endsWith(3L);
        assertThat(meters.get("casehub.feed.received").tag("feed", "public-safety").counter().count()).isEqualTo(3);
        assertThat(meters.get("casehub.feed.records").tag("outcome", "merged").counter().count()).isEqualTo(4);
        assertThat(meters.get("casehub.feed.batch").tag("feed", "public-safety").timer().count()).isEqualTo(1);
    }

    @Test
    void anEmptyPollCountsNothingAndLeavesTheFeedSilent() {
        Exchange poll = new DefaultExchange(new DefaultCamelContext());
        poll.getMessage().setBody(List.of());
        activity.received(poll);
        poll.getMessage().setBody(Map.of());
        activity.stored(poll);

        assertThat(activity.lastMinute("livelihood")).isEmpty();
        assertThat(activity.lastRecord("livelihood")).isEmpty();
        assertThat(meters.find("casehub.feed.received").counter()).isNull();
    }

    private static FeedRecord record() {
        return new FeedRecord("public-safety", new byte[0], Map.of(), NOW);
    }

    @Test
    void aBatchThatFailsIsRememberedWithItsErrorUntilABatchOfTheFeedIsStored() {
        Exchange batch = new DefaultExchange(new DefaultCamelContext());
        batch.getMessage().setBody(List.of(record()));
        activity.received(batch);
        batch.setException(new IllegalStateException("Connection refused"));
        activity.process(batch);
        activity.process(batch);

        assertThat(activity.failure("public-safety")).hasValueSatisfying(f -> {
            assertThat(f.failures()).isEqualTo(2);
            assertThat(f.first()).isEqualTo(NOW);
            assertThat(f.error()).isEqualTo("IllegalStateException: Connection refused");
        });

        batch.setException(null);
        batch.getMessage().setBody(Map.of(StoreOutcome.CREATED, 1));
        activity.stored(batch);
        assertThat(activity.failure("public-safety")).isEmpty();
        assertThat(activity.lastStored("public-safety")).contains(NOW);
    }
}
