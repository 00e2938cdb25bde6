package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.publish.OutboxRepository.Pending;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What feed health reads of the outbox every few seconds: the backlog it shows and alarms on (rows still waiting per
 * channel a relay serves, and how old the first of them is; published rows, which retention keeps for days, are not
 * counted), and each feed's events published to the unified feed lately, as the relay counts them; and what the status
 * page reads: the units' messages delivered lately and still waiting, per tier.
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

    @Test
    void theUnitsMessagesAreCountedPerTierAsTheRelayMarksThemInARowPerMinuteAndTier() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        MutableClock clock = new MutableClock(minute.plusSeconds(10));
        OutboxRepository counting = new OutboxRepository(outbox.jdbc(), clock);
        OffsetDateTime start = minute.atOffset(ZoneOffset.UTC);
        outbox.unitEvent("a", 1, "casehub.unit.44", "casehub.unit.4403", "casehub.unit.440305", "casehub.unit.440305001",
                "casehub.unit.440305001002");
        outbox.unitEvent("b", 1, "casehub.unit.44", "casehub.unit.4403", "casehub.unit.4403DP");
        String legal = outbox.caseEvent("c", 1);
        counting.insertOutbox(List.of(
                new OutboxWrite(legal, "c", "artemis:casehub.unit.440305.legal", start),
                new OutboxWrite(legal, "c", "artemis:casehub.mediation.440305-people", start),
                new OutboxWrite(legal, "c", "artemis:casehub.unit.SZ-HQ", start)));
        List<Pending> pending = counting.pending("artemis", 10);
        assertThat(counting.pendingByTier()).containsExactlyInAnyOrderEntriesOf(Map.of("province", 2L, "city", 2L,
                "district", 3L, "street", 1L, "community", 1L, "other", 1L));

        counting.markPublished(pending.subList(0, 2));   // the two case events
        clock.now = minute.plusSeconds(50);
        counting.markPublished(pending.subList(2, 4));   // a legal channel and a mediation body, later in the minute
        clock.now = minute.plusSeconds(70);
        counting.markPublished(pending.subList(4, pending.size()));   // a unit of no tier, the next minute

        assertThat(counting.deliveredByTier(minute.minusSeconds(1)))
                .as("a functional zone with the districts, a legal channel with its unit, a mediation body not a unit's")
                .containsExactlyInAnyOrderEntriesOf(Map.of("province", 2L, "city", 2L, "district", 3L, "street", 1L,
                        "community", 1L, "other", 1L));
        assertThat(counting.pendingByTier()).isEmpty();
        assertThat(outbox.jdbc().queryForObject("SELECT COUNT(*) FROM tier_delivered", Integer.class))
                .as("a row per minute and tier, not per round").isEqualTo(6);
        assertThat(counting.deliveredByTier(minute.plusSeconds(60))).as("the minute the window starts in counts whole")
                .containsExactly(Map.entry("other", 1L));
        assertThat(counting.deliveredByTier(minute.plusSeconds(120))).isEmpty();
    }

    @Test
    void aMinutesRowThatAnotherRelayMakesMeanwhileIsAddedToNeitherLostNorCountedTwice() {
        JdbcTemplate racing = new JdbcTemplate(outbox.jdbc().getDataSource()) {
            @Override
            public int[] batchUpdate(String sql, List<Object[]> arguments) {
                int[] counts = super.batchUpdate(sql, arguments);
                if (sql.startsWith("UPDATE tier_delivered")) {
                    // a relay of another instance (the lease changing hands) makes the minute's row just after this
                    // one found none
                    update("INSERT INTO tier_delivered (at_minute, tier, messages) VALUES (?, 'city', 5)",
                            arguments.get(0)[1]);
                }
                return counts;
            }
        };
        OutboxRepository counting = new OutboxRepository(racing, Clock.systemUTC());
        outbox.unitEvent("a", 1, "casehub.unit.4403");

        counting.markPublished(counting.pending("artemis", 10));

        assertThat(counting.deliveredByTier(Instant.now().minusSeconds(120))).containsExactly(Map.entry("city", 6L));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {

        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private void row(String eventId, String destination, String channel, OffsetDateTime createdAt) {
        outbox.jdbc().update("INSERT INTO outbox (event_id, case_id, destination, channel, created_at) VALUES (?, ?, ?, ?, ?)",
                eventId, eventId.substring(0, eventId.indexOf(':')), destination, channel, createdAt);
    }
}
