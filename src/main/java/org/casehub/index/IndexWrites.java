package org.casehub.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.deadline.CaseClock;
import org.casehub.dedup.DedupRepository;
import org.casehub.dedup.DedupRepository.KeyWrite;
import org.casehub.index.CaseRepository.CaseWrite;
import org.casehub.index.CaseRepository.LinkWrite;
import org.casehub.index.CaseRepository.PersonWrite;
import org.casehub.index.CaseRepository.SourceKey;
import org.casehub.index.CaseRepository.SourceWrite;
import org.casehub.index.ProcessedIdRepository.Processed;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.OutboxRepository.EventWrite;
import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.steering.MediationOffers;
import org.casehub.steering.MediationOffers.Offer;
import org.casehub.steering.MediationOffers.OfferWrite;
import org.casehub.steering.Steering;

/**
 * The rows one index transaction writes, gathered while its records are decided and then written with one batched
 * statement per kind of row: far fewer round trips than a statement per record. A case or source record touched
 * twice in one batch is written once, in its final state. Each table's owner writes its rows (its SQL beside its
 * row record); this class only keeps the order, so that every reference points at a row already there. Steering's
 * rows (its notices, deliveries and mediation offers) join these ({@link Steering.Rows}).
 */
final class IndexWrites implements Steering.Rows {

    private final CaseRepository cases;
    private final ProcessedIdRepository processedIds;
    private final OutboxRepository outboxes;
    private final DedupRepository dedup;
    private final CaseClock clock;
    private final MediationOffers mediationOffers;

    private final Map<String, CaseWrite> newCases = new LinkedHashMap<>();
    private final Map<String, CaseWrite> changedCases = new LinkedHashMap<>();
    /** each case's tree as composed, whose JSON its row holds */
    private final Map<String, JsonNode> composed = new HashMap<>();
    private final Map<String, SourceWrite> newSources = new LinkedHashMap<>();
    private final Map<String, SourceWrite> changedSources = new LinkedHashMap<>();
    private final Map<String, SourceKey> personsReplaced = new LinkedHashMap<>();
    private final Map<String, List<PersonWrite>> persons = new LinkedHashMap<>();
    private final List<Processed> processed = new ArrayList<>();
    private final List<EventWrite> events = new ArrayList<>();
    private final List<OutboxWrite> outbox = new ArrayList<>();
    private final Set<String> dedupKeysReplaced = new LinkedHashSet<>();
    private final Map<String, List<KeyWrite>> dedupKeys = new LinkedHashMap<>();
    private final List<LinkWrite> links = new ArrayList<>();
    private final Map<String, DedupRepository.Profiled> profiles = new LinkedHashMap<>();
    private final Map<String, List<OfferWrite>> offers = new LinkedHashMap<>();

    IndexWrites(CaseRepository cases, ProcessedIdRepository processedIds, OutboxRepository outboxes, DedupRepository dedup,
                CaseClock clock, MediationOffers mediationOffers) {
        this.cases = cases;
        this.processedIds = processedIds;
        this.outboxes = outboxes;
        this.dedup = dedup;
        this.clock = clock;
        this.mediationOffers = mediationOffers;
    }

    /** @param data the case as composed, whose JSON the row holds (for the statutory clock) */
    void putCase(CaseWrite row, boolean existedBefore, JsonNode data) {
        (existedBefore ? changedCases : newCases).put(row.caseId(), row);
        composed.put(row.caseId(), data);
    }

    void putSource(String identity, boolean existedBefore, SourceWrite row) {
        (existedBefore ? changedSources : newSources).put(identity, row);
    }

    void replacePersons(String identity, boolean existedBefore, SourceKey source, List<PersonWrite> rows) {
        if (existedBefore) {
            personsReplaced.put(identity, source);
        }
        persons.put(identity, rows);
    }

    void processed(Processed row) {
        processed.add(row);
    }

    @Override
    public void event(EventWrite row) {
        events.add(row);
    }

    /**
     * The case's blocking keys as they are now: those it had are replaced, so that a key row always carries the
     * case's current revision and a case merged away (no keys) is found by none. Its profile (null: merged away, no
     * facts) is kept for the dedup rule once the transaction commits.
     */
    void dedupKeys(String caseId, boolean existedBefore, List<KeyWrite> rows, DedupRepository.Profiled profile) {
        if (existedBefore) {
            dedupKeysReplaced.add(caseId);
        }
        dedupKeys.put(caseId, rows);
        if (profile == null) {
            profiles.remove(caseId);
        } else {
            profiles.put(caseId, profile);
        }
    }

    void link(LinkWrite row) {
        links.add(row);
    }

    @Override
    public void outbox(OutboxWrite row) {
        outbox.add(row);
    }

    @Override
    public void offer(OfferWrite row) {
        offers.computeIfAbsent(row.caseId(), c -> new ArrayList<>()).add(row);
    }

    @Override
    public List<Offer> offersMade(String caseId) {
        return offers.getOrDefault(caseId, List.of()).stream().map(OfferWrite::offer).toList();
    }

    /** Written in this order, so that every reference points at a row already there. */
    void write() {
        cases.insertCases(newCases.values());
        cases.updateCases(changedCases.values());
        cases.insertSources(newSources.values());
        cases.updateSources(changedSources.values());
        cases.deletePersons(personsReplaced.values());
        cases.insertPersons(persons.values().stream().flatMap(List::stream).toList());
        processedIds.insert(processed);
        outboxes.insertEvents(events);
        outboxes.insertOutbox(outbox);
        mediationOffers.insert(offers.values().stream().flatMap(List::stream).toList());
        dedup.deleteKeys(dedupKeysReplaced);
        dedup.insertKeys(dedupKeys.values().stream().flatMap(List::stream).toList());
        dedup.keepWhenCommitted(profiles.values());
        cases.insertLinks(links);
        // the statutory clock: each case's deadlines as it now stands
        clock.written(java.util.stream.Stream.concat(newCases.values().stream(), changedCases.values().stream())
                .map(c -> new CaseClock.Written(c.caseId(), c.primarySource(), composed.get(c.caseId()), c.updatedAt()))
                .toList());
    }
}
