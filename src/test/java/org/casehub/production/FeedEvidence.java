package org.casehub.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casehub.support.Revisions;
import org.casehub.support.UnifiedFeed;

/**
 * The end state after a load, as the consumers see it: every event of the index on casehub.cases (how many twice is
 * counted, per-case order checked), every event for the unit in its queue exactly once, read by the unit's own user.
 */
final class FeedEvidence {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedEvidence() {
    }

    /**
     * Waits until casehub.cases carries every event of the index, asserts that no case's revisions ever go back, and
     * gives the number of event ids published more than once.
     */
    static long unifiedFeedComplete(ProductionServices services, Connection index, Duration patience) throws Exception {
        // the cases' revisions: what else the history holds (notices, reminders, warnings) is not on casehub.cases
        List<String> events = IndexQueries.strings(index, "SELECT event_id FROM case_event WHERE " + Revisions.ONLY);
        try (UnifiedFeed feed = new UnifiedFeed(services.kafka.bootstrap())) {
            await("every event on casehub.cases").atMost(patience)
                    .until(() -> feed.poll().stream().map(FeedEvidence::eventId).distinct().count() >= events.size());
            List<ConsumerRecord<String, String>> records = feed.poll();
            assertThat(records.stream().map(FeedEvidence::eventId).distinct().toList()).containsExactlyInAnyOrderElementsOf(events);
            Map<String, Integer> lastRevision = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                int revision = JSON.readTree(record.value()).path("data").path("revision").asInt();
                Integer before = lastRevision.put(record.key(), revision);
                assertThat(before == null || before <= revision).as("case %s: revision %s after %s", record.key(),
                        revision, before).isTrue();
            }
            return records.size() - events.size();
        }
    }

    /**
     * Every event for the unit reached its queue exactly once: what the queue holds now, with what was taken from it
     * before ({@code before}), is each of the unit's revisions in the outbox once. Gives what was taken now and before.
     */
    static List<String> unitQueueComplete(ProductionServices services, Connection index, List<String> before) throws Exception {
        String unit = ArtemisBroker.UNIT;
        await("every unit delivery sent").atMost(Duration.ofMinutes(2)).until(() -> IndexQueries.count(index,
                "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL AND channel = 'artemis'") == 0);
        List<String> expected = revisionsForUnit(index, unit);
        List<String> received = new ArrayList<>(before);
        received.addAll(UnitQueue.drain(services.artemis.url(), ArtemisBroker.UNIT_USER, ArtemisBroker.UNIT_PASSWORD, unit));
        assertThat(received).as("unit %s's queue: each event once", unit).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        return received;
    }

    /**
     * The case revisions the outbox holds for a unit: the rows of events for several units that list it (one row per
     * event, issue 18), and the rows for it alone (a destination split off such a row).
     */
    static List<String> revisionsForUnit(Connection index, String unit) throws SQLException {
        String destination = "artemis:" + UnitQueue.queueOf(unit);
        return IndexQueries.strings(index, "SELECT o.event_id FROM outbox o JOIN case_event e ON e.event_id = o.event_id"
                + " WHERE (o.destination = ? OR ' ' || o.units || ' ' LIKE ?) AND e." + Revisions.ONLY,
                destination, "% " + destination + " %");
    }

    static String eventId(ConsumerRecord<String, String> record) {
        try {
            JsonNode event = JSON.readTree(record.value());
            return event.path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
