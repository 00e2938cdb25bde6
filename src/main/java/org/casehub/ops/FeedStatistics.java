package org.casehub.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.casehub.index.CaseFilter;
import org.casehub.index.CaseRepository;
import org.casehub.network.Tier;
import org.casehub.network.UnitResolver;
import org.casehub.publish.OutboxRepository;
import org.casehub.quarantine.QuarantineRepository;
import org.casehub.security.ScopeRestriction;
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

    /**
     * Unit messages delivered since {@code since} and still pending, per tier (a legal channel's with its unit, a
     * mediation body's not: issue 22), in the tiers' order from the province down, units of no tier's code last.
     */
    public List<TierDeliveries> tierDeliveries(Instant since) {
        Map<String, Long> delivered = outbox.deliveredByTier(since);
        Map<String, Long> pending = outbox.pendingByTier();
        List<String> tiers = new ArrayList<>(Arrays.stream(Tier.values()).map(Tier::key).toList());
        if (delivered.containsKey(UnitResolver.OTHER_TIER) || pending.containsKey(UnitResolver.OTHER_TIER)) {
            tiers.add(UnitResolver.OTHER_TIER);
        }
        return tiers.stream().map(tier -> new TierDeliveries(tier, delivered.getOrDefault(tier, 0L),
                pending.getOrDefault(tier, 0L))).toList();
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

    public record TierDeliveries(String tier, long delivered, long pending) {
    }
}
