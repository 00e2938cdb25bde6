package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.publish.OutboxRepository.Pending;
import org.junit.jupiter.api.Test;

/**
 * What feed health reads of the outbox every few seconds: the backlog it shows and alarms on (rows still waiting per
 * channel a relay serves, and how old the first of them is; published rows, which retention keeps for days, are not
 * counted), and each feed's events published to the unified feed lately, as the relay counts them.
 */
class OutboxCountsTest {

    private final TestOutbox outbox = new TestOutbox();
    private final OutboxRepository repository = outbox.repository();

    @Test
    void theBacklogCountsTheWaitingRowsOfEachServedChannelWithTheFirstOnesAge() {
        repository.whenCommitted("kafka", () -> { });
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 1; i <= 4; i++) {
            row("case-" + i + ":1", "kafka:casehub.cases", "kafka", start.plusSeconds(i));
        }
        row("case-1:1", "artemis:casehub.unit.440305", "artemis", start);
        outbox.jdbc().update("UPDATE outbox SET published_at = ? WHERE event_id IN ('case-1:1', 'case-2:1')"
                + " AND channel = 'kafka'", start.plusSeconds(10));

        OutboxRepository.Backlog kafka = repository.backlog().get("kafka");

        assertThat(kafka.rows()).isEqualTo(2);
        assertThat(kafka.oldest()).isEqualTo(start.plusSeconds(3).toInstant());
        assertThat(repository.backlog()).as("a channel no relay of this hub serves").containsOnlyKeys("kafka");

        outbox.jdbc().update("UPDATE outbox SET published_at = ? WHERE channel = 'kafka'", start.plusSeconds(11));
        assertThat(repository.backlog()).as("nothing waits").isEmpty();
    }

    @Test
    void eachFeedsEventsPublishedToTheUnifiedFeedAreCountedAsTheRelayMarksThemAndAnHourOfCountsIsKept() {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        List.of("a", "b", "c", "d").forEach(c -> outbox.caseEvent(c, 1));
        repository.insertOutbox(List.of(
                new OutboxWrite("a:1", "a", "kafka:casehub.cases", start, "public-safety"),
                new OutboxWrite("a:1", "a", "artemis:casehub.unit.440305", start),
                new OutboxWrite("b:1", "b", "kafka:casehub.cases", start, "public-safety"),
                new OutboxWrite("c:1", "c", "kafka:casehub.cases", start, "livelihood"),
                new OutboxWrite("d:1", "d", "kafka:casehub.cases", start, "livelihood")));
        outbox.jdbc().update("INSERT INTO feed_published (feed, published_at, events) VALUES ('livelihood', ?, 7)",
                start.minusHours(2));
        List<Pending> kafka = repository.pending("kafka", 10).stream().filter(r -> !r.eventId().equals("d:1")).toList();

        repository.markPublished(kafka);
        repository.markPublished(repository.pending("artemis", 10));   // a unit's message: not the unified feed's

        assertThat(repository.publishedByFeed(start.minusMinutes(1).toInstant()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("public-safety", 2L, "livelihood", 1L));
        assertThat(repository.publishedByFeed(start.minusHours(3).toInstant())).as("the count of two hours ago is gone")
                .containsExactlyInAnyOrderEntriesOf(Map.of("public-safety", 2L, "livelihood", 1L));
        assertThat(repository.publishedByFeed(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1).toInstant())).isEmpty();
    }

    private void row(String eventId, String destination, String channel, OffsetDateTime createdAt) {
        outbox.jdbc().update("INSERT INTO outbox (event_id, case_id, destination, channel, created_at) VALUES (?, ?, ?, ?, ?)",
                eventId, eventId.substring(0, eventId.indexOf(':')), destination, channel, createdAt);
    }
}
