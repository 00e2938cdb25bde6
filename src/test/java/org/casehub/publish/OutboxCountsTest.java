package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.junit.jupiter.api.Test;

/**
 * What feed health reads of the outbox every few seconds: the backlog it shows and alarms on (rows still waiting per
 * channel a relay serves, and how old the first of them is; published rows, which retention keeps for days, are not
 * counted), and each feed's events published to the unified feed lately.
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
    void eachFeedsEventsPublishedToTheUnifiedFeedSinceAMomentAreCountedFromTheirRows() {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        repository.insertOutbox(List.of(
                new OutboxWrite("a:1", "a", "kafka:casehub.cases", start, "public-safety"),
                new OutboxWrite("a:1", "a", "artemis:casehub.unit.440305", start),
                new OutboxWrite("b:1", "b", "kafka:casehub.cases", start, "public-safety"),
                new OutboxWrite("c:1", "c", "kafka:casehub.cases", start, "livelihood"),
                new OutboxWrite("d:1", "d", "kafka:casehub.cases", start, "livelihood")));
        outbox.jdbc().update("UPDATE outbox SET published_at = ? WHERE event_id IN ('a:1', 'b:1', 'c:1')", start.plusSeconds(30));
        outbox.jdbc().update("UPDATE outbox SET published_at = ? WHERE event_id = 'd:1'", start.plusSeconds(5));

        assertThat(repository.publishedByFeed(start.plusSeconds(20).toInstant()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("public-safety", 2L, "livelihood", 1L));
    }

    private void row(String eventId, String destination, String channel, OffsetDateTime createdAt) {
        outbox.jdbc().update("INSERT INTO outbox (event_id, case_id, destination, channel, created_at) VALUES (?, ?, ?, ?, ?)",
                eventId, eventId.substring(0, eventId.indexOf(':')), destination, channel, createdAt);
    }
}
