package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.casehub.publish.OutboxRepository.Pending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The unified feed's relay on the real outbox (H2, migrated by Flyway) with a producer whose outcomes the test gives:
 * nothing is sent again while an earlier send of it may still complete, a case's later revision is never sent
 * before its earlier one is acknowledged, and every acknowledged row is marked published on its own.
 */
class OutboxRelayTest {

    private static final PublishProperties PUBLISH = new PublishProperties("localhost:9", "casehub.cases", "casehub.warnings",
            500, Duration.ofMillis(200), Duration.ofSeconds(1));

    private final TestOutbox outbox = new TestOutbox();
    private MockProducer<String, byte[]> producer;
    private OutboxRelay relay;

    @BeforeEach
    void relay() {
        producer = new MockProducer<>(false, new StringSerializer(), new ByteArraySerializer());
        relay = new OutboxRelay(outbox.repository(), PUBLISH, outbox.leases(), () -> producer);
    }

    @Test
    void aSendWithoutOutcomeIsNeverSentAgainAndNoNextBatchStarts() {
        event("case-a", 1);
        event("case-b", 1);

        assertThat(relay.relay()).isZero();
        assertThat(sentEventIds()).containsExactly("case-a:1", "case-b:1");
        // the producer still holds both sends (the broker is away): rounds pass, nothing is sent again
        event("case-c", 1);
        assertThat(relay.relay()).isZero();
        assertThat(relay.relay()).isZero();
        assertThat(sentEventIds()).containsExactly("case-a:1", "case-b:1");

        producer.completeNext();
        producer.completeNext();
        assertThat(relay.relay()).as("the two acknowledged; the next batch sent").isEqualTo(2);
        assertThat(sentEventIds()).containsExactly("case-a:1", "case-b:1", "case-c:1");
        producer.completeNext();
        assertThat(relay.relay()).isEqualTo(1);
        assertThat(pending()).isZero();
    }

    @Test
    void aLaterRevisionIsSentOnlyAfterTheEarlierOneIsAcknowledged() {
        event("case-a", 1);
        event("case-a", 2);
        event("case-b", 1);

        relay.relay();
        assertThat(sentEventIds()).containsExactly("case-a:1", "case-b:1");

        // case-a:1 fails (the producer reports a failure), case-b:1 is acknowledged
        producer.errorNext(new TimeoutException("Expiring 1 record(s): delivery timeout"));
        producer.completeNext();
        relay.relay();
        assertThat(published()).containsExactly("case-b:1");

        relay.relay();
        assertThat(sentEventIds()).as("case-a:1 again, not yet case-a:2").containsExactly("case-a:1", "case-b:1", "case-a:1");
        producer.completeNext();
        relay.relay();
        producer.completeNext();
        relay.relay();

        assertThat(sentEventIds()).containsExactly("case-a:1", "case-b:1", "case-a:1", "case-a:2");
        assertThat(published()).containsExactlyInAnyOrder("case-a:1", "case-a:2", "case-b:1");
    }

    @Test
    void eachAcknowledgedRowIsMarkedPublishedEvenWhenAnEarlierOneFailed() {
        event("case-a", 1);
        event("case-b", 1);
        event("case-c", 1);
        relay.relay();

        producer.completeNext();
        producer.errorNext(new TimeoutException("Expiring 1 record(s)"));
        producer.completeNext();
        relay.relay();

        assertThat(published()).containsExactlyInAnyOrder("case-a:1", "case-c:1");
        relay.relay();
        assertThat(sentEventIds()).containsExactly("case-a:1", "case-b:1", "case-c:1", "case-b:1");
    }

    @Test
    void aRecordTheBrokerRefusesForGoodIsParkedAloneAndItsCaseWaitsBehindItUntilReSent() {
        event("case-a", 1);
        event("case-a", 2);
        event("case-b", 1);
        relay.relay();

        producer.errorNext(new RecordTooLargeException("The message is 2000000 bytes when serialized"));
        producer.completeNext();
        relay.relay();
        assertThat(published()).containsExactly("case-b:1");
        assertThat(outbox.repository().parked(10)).singleElement().satisfies(parked -> {
            assertThat(parked.eventId()).isEqualTo("case-a:1");
            assertThat(parked.reason()).startsWith("RecordTooLargeException: The message is 2000000 bytes");
            assertThat(parked.waiting()).as("case-a:2 waits behind it").isEqualTo(1);
        });

        event("case-c", 1);
        relay.relay();
        producer.completeNext();
        relay.relay();
        assertThat(sentEventIds()).as("case-c goes on; case-a:2 is not sent before case-a:1")
                .containsExactly("case-a:1", "case-b:1", "case-c:1");

        assertThat(outbox.repository().unpark(outbox.repository().parked(10).get(0).id())).isTrue();
        relay.relay();
        producer.completeNext();
        relay.relay();
        producer.completeNext();
        relay.relay();
        assertThat(sentEventIds()).containsExactly("case-a:1", "case-b:1", "case-c:1", "case-a:1", "case-a:2");
        assertThat(pending()).isZero();
        assertThat(outbox.repository().parked(10)).isEmpty();
    }

    @Test
    void anAcknowledgedRowTheDatabaseCouldNotMarkIsMarkedLaterAndNeverSentAgain() {
        AtomicBoolean databaseDown = new AtomicBoolean();
        OutboxRepository repository = new OutboxRepository(outbox.jdbc()) {
            @Override
            public void markPublished(List<Pending> rows) {
                if (databaseDown.get()) {
                    throw new DataAccessResourceFailureException("terminating connection due to administrator command");
                }
                super.markPublished(rows);
            }
        };
        MockProducer<String, byte[]> acking = new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
        OutboxRelay relay = new OutboxRelay(repository, PUBLISH, outbox.leases(), () -> acking);
        try {
            event("case-a", 1);
            event("case-b", 1);
            databaseDown.set(true);
            assertThatThrownBy(relay::relay).isInstanceOf(DataAccessResourceFailureException.class);
            assertThat(acking.history()).hasSize(2);
            assertThatThrownBy(relay::relay).as("the database still down").isInstanceOf(DataAccessResourceFailureException.class);
            assertThat(acking.history()).as("nothing sent again").hasSize(2);

            databaseDown.set(false);
            event("case-c", 1);
            relay.relay();
            assertThat(published()).containsExactlyInAnyOrder("case-a:1", "case-b:1", "case-c:1");
            assertThat(acking.history()).as("each event sent once").hasSize(3);
        } finally {
            relay.destroy();
        }
    }

    @Test
    void rowsOfACommittedTransactionAreRelayedAtOnceWithoutATimerRound() {
        OutboxRepository repository = outbox.repository();
        MockProducer<String, byte[]> acking = new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
        OutboxRelay woken = new OutboxRelay(repository, PUBLISH, outbox.leases(), () -> acking);
        try {
            outbox.inTransaction(() -> {
                String eventId = outbox.caseEvent("case-a", 1);
                repository.insertOutbox(List.of(new OutboxRepository.OutboxWrite(eventId, "case-a",
                        PUBLISH.kafkaDestination(), OffsetDateTime.now(ZoneOffset.UTC))));
                assertThat(acking.history()).as("nothing is relayed before the commit").isEmpty();
            });

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(published()).as("relayed and marked on commit; relay() was never called")
                            .containsExactly("case-a:1"));
            assertThat(acking.history()).hasSize(1);
        } finally {
            woken.destroy();
        }
    }

    private void event(String caseId, int revision) {
        outbox.event(caseId, revision, PUBLISH.kafkaDestination());
    }

    private List<String> sentEventIds() {
        return producer.history().stream().map(ProducerRecord::value)
                .map(v -> new String(v, StandardCharsets.UTF_8).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).toList();
    }

    private List<String> published() {
        return outbox.published();
    }

    private int pending() {
        return outbox.pending();
    }
}
