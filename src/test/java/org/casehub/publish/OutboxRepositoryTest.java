package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.casehub.publish.OutboxRepository.DeliveryRow;
import org.casehub.publish.OutboxRepository.EventWrite;
import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.publish.OutboxRepository.Pending;
import org.junit.jupiter.api.Test;

/**
 * An event's one outbox row for all its units reads, for everyone who counts or lists messages by destination (the
 * case's deliveries, the units' delivered and pending counts), as the one row per unit it replaced — before and after
 * a destination is split off it; the backlog counts it as one row.
 */
class OutboxRepositoryTest {

    private static final String PROVINCE = "artemis:casehub.unit.44";
    private static final String CITY = "artemis:casehub.unit.4403";
    private static final String DISTRICT = "artemis:casehub.unit.440305";

    private final TestOutbox outbox = new TestOutbox();
    private final OutboxRepository repository = outbox.repository();

    @Test
    void anEventsRowForSeveralUnitsCountsAndListsAsOneMessagePerUnitAlsoAfterOneIsSplitOff() {
        repository.whenCommitted("artemis", () -> { });   // the units' relay serves the channel
        outbox.unitEvent("A", 1, "casehub.unit.44", "casehub.unit.4403", "casehub.unit.440305");
        String reminder = outbox.caseEvent("A", 2);
        repository.insertOutbox(List.of(new OutboxWrite(reminder, "A", CITY, OffsetDateTime.now(ZoneOffset.UTC))));

        assertThat(outbox.jdbc().queryForObject("SELECT COUNT(*) FROM outbox", Integer.class)).isEqualTo(2);
        assertThat(repository.backlog().get("artemis").rows()).isEqualTo(2);
        assertThat(repository.pendingByTier()).containsExactly(entry("city", 2L), entry("district", 1L),
                entry("province", 1L));
        assertThat(repository.deliveredByTier(Instant.EPOCH)).isEmpty();
        assertThat(repository.deliveries("A", "artemis:casehub.unit.")).extracting(DeliveryRow::destination)
                .containsExactly(PROVINCE, CITY, DISTRICT, CITY);

        Pending grouped = repository.pending("artemis", 10).get(0);
        Pending split = repository.split(grouped, DISTRICT);
        assertThat(repository.split(grouped, DISTRICT)).as("split again after a crash").isEqualTo(split);
        repository.markPublished(List.of(grouped.without(DISTRICT)));   // as the relay marks it: without the split-off unit

        assertThat(split.splitFrom()).isEqualTo(grouped.id());
        assertThat(repository.backlog().get("artemis").rows()).as("the split-off row and the reminder").isEqualTo(2);
        assertThat(repository.pendingByTier()).containsExactly(entry("city", 1L), entry("district", 1L));
        assertThat(repository.deliveredByTier(Instant.EPOCH)).containsExactly(entry("city", 1L), entry("province", 1L));
        assertThat(repository.deliveries("A", "artemis:casehub.unit."))
                .extracting(d -> d.destination() + (d.publishedAt() == null ? " pending" : " published"))
                .containsExactly(PROVINCE + " published", CITY + " published", CITY + " pending", DISTRICT + " pending");
    }

    @Test
    void anEventForOneUnitIsAnOrdinaryRow() {
        String eventId = outbox.caseEvent("A", 1);
        repository.insertOutbox(List.of(OutboxWrite.toUnits(eventId, "A", List.of(CITY), OffsetDateTime.now(ZoneOffset.UTC))));

        assertThat(repository.pending("artemis", 10)).singleElement().satisfies(row -> {
            assertThat(row.destination()).isEqualTo(CITY);
            assertThat(row.units()).isNull();
        });
    }

    @Test
    void aCasesDeliveriesAreFoundThroughTheCaseIndexRatherThanAScanOfTheWholeOutbox() {
        for (int i = 0; i < 200; i++) {
            outbox.unitEvent("C" + i, 1, "casehub.unit.44", "casehub.unit.4403");
        }
        // the query of deliveries(): a case's rows of the outbox, whose published rows are kept for their retention
        String plan = String.join("\n", outbox.jdbc().queryForList("EXPLAIN SELECT destination, units, event_id,"
                + " published_at FROM outbox WHERE case_id = 'C7' AND (destination LIKE 'artemis:%' OR units IS NOT NULL)"
                + " ORDER BY id", String.class));

        assertThat(plan).containsIgnoringCase("OUTBOX_CASE");
        assertThat(repository.deliveries("C7", "artemis:casehub.unit.")).hasSize(2);
    }

    @Test
    void anEventThisHubCommittedIsSentAsKeptWithoutReadingItBackFromTheHistory() {
        String kept = "{\"id\":\"K:1\"}";
        outbox.inTransaction(() -> {
            repository.insertEvents(List.of(new EventWrite("K:1", "K", 1, "org.casehub.case.created", "/casehub/feeds/test",
                    "test", OffsetDateTime.now(ZoneOffset.UTC), kept)));
            repository.insertOutbox(List.of(new OutboxWrite("K:1", "K", "kafka:casehub.cases", OffsetDateTime.now(ZoneOffset.UTC))));
        });
        outbox.event("H", 1, "kafka:casehub.cases");   // written past this repository: read from the history
        // the history's copy taken away behind the repository's back: only the kept one can answer
        outbox.jdbc().update("DELETE FROM case_event WHERE event_id = 'K:1'");

        assertThat(repository.pending("kafka", 10)).extracting(Pending::eventId, Pending::event)
                .containsExactly(tuple("K:1", kept), tuple("H:1", "{\"id\":\"H:1\",\"revision\":1}"));
    }

    @Test
    void anEventOfATransactionRolledBackIsNotKept() {
        try {
            outbox.inTransaction(() -> {
                repository.insertEvents(List.of(new EventWrite("R:1", "R", 1, "org.casehub.case.created",
                        "/casehub/feeds/test", "test", OffsetDateTime.now(ZoneOffset.UTC), "{\"rolled\":\"back\"}")));
                throw new IllegalStateException("the index transaction fails");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        outbox.event("R", 1, "kafka:casehub.cases");   // the record stored again: its event as the history now holds it

        assertThat(repository.pending("kafka", 10)).extracting(Pending::event)
                .containsExactly("{\"id\":\"R:1\",\"revision\":1}");
    }
}
