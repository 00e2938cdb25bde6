package org.casehub.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.casehub.index.CaseFilter;
import org.casehub.index.CaseRepository;
import org.casehub.network.UnitResolver;
import org.casehub.publish.OutboxRepository;
import org.casehub.quarantine.QuarantineRepository;
import org.casehub.security.ScopeRestriction;
import org.casehub.steering.Steering;
import org.springframework.stereotype.Component;

/**
 * What the index database says about the flow, for every hub instance at once: events published per feed, the
 * outbox backlog, deliveries per unit, open quarantine by feed and stage, and the dedup links by kind. Each figure
 * is counted by its table's owner.
 */
@Component
public class FeedStatistics {

    private final OutboxRepository outbox;
    private final QuarantineRepository quarantine;
    private final CaseRepository cases;

    public FeedStatistics(OutboxRepository outbox, QuarantineRepository quarantine, CaseRepository cases) {
        this.outbox = outbox;
        this.quarantine = quarantine;
        this.cases = cases;
    }

    /** Events of each feed published to the unified feed since {@code since}. */
    public Map<String, Long> publishedSince(Instant since) {
        return outbox.publishedByFeed(since);
    }

    /** Rows parked per outbox channel: refused for good by their destination, waiting for an operator's re-send. */
    public Map<String, Long> parked() {
        return outbox.parkedCounts();
    }

    /**
     * Rows waiting to be published (an event for one destination, or for all its units), per outbox channel (kafka,
     * artemis), with the first one's creation time.
     */
    public Map<String, OutboxRepository.Backlog> backlog() {
        return outbox.backlog();
    }

    /** Unit messages delivered since {@code since} and still pending, by unit code. */
    public List<UnitDeliveries> unitDeliveries(Instant since) {
        // a unit's address or its legal channel (counted with the unit), not a mediation body's (issue 22)
        return outbox.destinations(since).stream().filter(d -> d.destination().startsWith(UnitResolver.DESTINATION_PREFIX))
                .map(d -> new UnitDeliveries(unit(d.destination()), d.published(), d.pending())).toList();
    }

    /** Open quarantine (not yet replayed or discarded) by feed and the stage that refused the records. */
    public List<QuarantineRepository.Quarantined> openQuarantine() {
        return quarantine.openByFeedAndStage();
    }

    /** Links between cases by kind (merged, possible, related); none where the index keeps no links. */
    public Map<String, Long> linksByKind() {
        return cases.linksByKind();
    }

    /** Law-related cases (诉访分离) in the whole index, for the status page. */
    public long lawRelatedCases() {
        return cases.count(new ScopeRestriction("(1 = 1)", List.of()), new CaseFilter(null, List.of(), List.of(), null, null,
                null, null, null, true, null, null, null, null, null));
    }

    private static String unit(String destination) {
        String unit = destination.substring(UnitResolver.DESTINATION_PREFIX.length());
        return unit.endsWith(Steering.LEGAL_SUFFIX) ? unit.substring(0, unit.length() - Steering.LEGAL_SUFFIX.length()) : unit;
    }

    public record UnitDeliveries(String unit, long delivered, long pending) {
    }
}
