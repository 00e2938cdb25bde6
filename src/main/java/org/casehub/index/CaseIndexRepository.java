package org.casehub.index;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.casehub.core.FeedRecord;
import org.casehub.core.FeedRecord.SealedPerson;
import org.casehub.core.StoreOutcome;
import org.casehub.core.Ulid;
import org.casehub.dedup.Candidate;
import org.casehub.dedup.CandidateSource;
import org.casehub.dedup.CaseFacts;
import org.casehub.dedup.CaseProfile;
import org.casehub.dedup.Decision;
import org.casehub.dedup.DedupProperties;
import org.casehub.dedup.DedupRepository;
import org.casehub.dedup.DedupRepository.Lookup;
import org.casehub.dedup.DuplicateRule;
import org.casehub.dedup.Link;
import org.casehub.dedup.LinkKind;
import org.casehub.index.CaseRepository.KnownSource;
import org.casehub.index.CaseRepository.PersonWrite;
import org.casehub.index.CaseRepository.SourceKey;
import org.casehub.index.CaseRepository.SourceWrite;
import org.casehub.index.ProcessedIdRepository.Processed;
import org.casehub.publish.CaseEvents;
import org.casehub.quarantine.QuarantineRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of records to the index in one local transaction: the cases, their source records
 * and sealed persons, the processed ids, the event history and the outbox rows — or, for a record
 * that failed a step, its quarantine row. The source's offset/ack/flag moves only after this commits.
 * What the batch needs to know is read up front (and the known rows locked), the records are decided
 * in order, and the rows are written in batched statements.
 * <p>
 * A record seen for the first time is first asked whether it is a grievance already in the index
 * ({@link DuplicateRule}, 同人+同事): it then joins that case instead of opening one. The blocking keys of
 * the batch's new records are locked up front, so a second writer of the same grievance waits for this
 * transaction and then finds its case.
 */
@Repository("caseIndex")
public class CaseIndexRepository {

    private static final Logger log = LoggerFactory.getLogger(CaseIndexRepository.class);
    private static final int IN_LIST = 500;
    private static final int STORE_ATTEMPTS = 5;
    /** for a known record, which stays in its case, and when dedup is off */
    private static final Decision NOT_ASKED = new Decision(null, null, List.of());

    private final CaseRepository cases;
    private final ProcessedIdRepository processedIds;
    private final TransactionTemplate transactions;
    private final QuarantineRepository quarantine;
    private final CaseStates states;
    private final DuplicateRule rule;
    private final DedupRepository dedup;
    private final DedupProperties dedupProperties;
    private final UnmappedCodes unmappedCodes;
    private final ObjectProvider<RecordsStored> recordsStored;
    private final RecordPreparation preparation;

    public CaseIndexRepository(CaseRepository cases, ProcessedIdRepository processedIds,
                               PlatformTransactionManager transactionManager, RecordPreparation preparation,
                               QuarantineRepository quarantine, CaseStates states, DuplicateRule rule,
                               DedupRepository dedup, DedupProperties dedupProperties, UnmappedCodes unmappedCodes,
                               ObjectProvider<RecordsStored> recordsStored) {
        this.cases = cases;
        this.processedIds = processedIds;
        this.transactions = new TransactionTemplate(transactionManager);
        this.preparation = preparation;
        this.quarantine = quarantine;
        this.states = states;
        this.rule = rule;
        this.dedup = dedup;
        this.dedupProperties = dedupProperties;
        this.unmappedCodes = unmappedCodes;
        this.recordsStored = recordsStored;
    }

    /**
     * Stores the batch in one transaction. Two writers may create the same new record or the same lock row at
     * once (a pushed and a pulled copy, two hub instances), or lock in an order that deadlocks: the loser's
     * transaction fails and its batch is stored again, now finding what the winner wrote.
     */
    public Map<StoreOutcome, Integer> store(List<FeedRecord> records) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> storeOnce(records));
            } catch (DuplicateKeyException | ConcurrencyFailureException e) {
                if (attempt == STORE_ATTEMPTS) {
                    throw e;
                }
                log.info("another writer got in the way ({}); storing the batch again", e.getClass().getSimpleName());
            }
        }
    }

    private Map<StoreOutcome, Integer> storeOnce(List<FeedRecord> records) {
        Batch batch = new Batch(records.stream().filter(r -> !r.rejected()).toList());
        Map<StoreOutcome, Integer> outcomes = new EnumMap<>(StoreOutcome.class);
        List<FeedRecord> stored = new ArrayList<>();
        for (FeedRecord record : records) {
            StoreOutcome outcome;
            if (record.replayOf() != null && !quarantine.claim(record.replayOf())) {
                // replayed or discarded meanwhile (another replay, another instance): nothing to do
                outcome = StoreOutcome.DUPLICATE;
            } else if (record.rejected()) {
                outcome = quarantine.add(record, batch.now);
            } else {
                outcome = batch.apply(record);
                if (outcome == StoreOutcome.CREATED || outcome == StoreOutcome.UPDATED || outcome == StoreOutcome.MERGED) {
                    stored.add(record);
                }
                if (record.replayOf() != null) {
                    quarantine.replayed(record.replayOf(), outcome, batch.caseOf(record), batch.now);
                }
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        batch.writes.write();
        unmappedCodes.stored(stored, batch.now);
        recordsStored.forEach(told -> told.stored(stored, batch::caseOf));
        if (!records.isEmpty()) {
            log.info("stored {} record(s) of feed {}: {}", records.size(), records.get(0).feed(), outcomes);
        }
        return outcomes;
    }

    /** The state one transaction decides its records against, read once and kept current in memory. */
    private final class Batch implements CandidateSource {

        private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        private final IndexWrites writes = states.writes();
        private final Set<String> processed;
        private final Map<String, Known> known;
        private final Set<String> identitiesBefore;
        private final Map<String, CaseState> cases;
        /** the cases this batch opened or changed, by blocking key, latest last: candidates the index cannot show yet */
        private final Map<String, Set<String>> keysInBatch = new HashMap<>();
        /** what the records' own work gave (on the normalising threads, or here for a record that did not pass them) */
        private final Map<FeedRecord, RecordPreparation.Prepared> preparedOf = new IdentityHashMap<>();
        private final Map<CaseFacts, CaseProfile> profileOf = new IdentityHashMap<>();
        /**
         * The index's answers to every lookup the batch's new records will make, read before deciding any of them: the
         * index does not change while the batch decides (its rows are written at its end), so each record's decision
         * sees what a query of its own would — without a round trip per record.
         */
        private final Map<Lookup, Map<String, CaseProfile>> indexed;
        /**
         * The indexed cases the batch's new records are likely to join, locked and read with one statement of each
         * kind before any record is decided, rather than one case (four round trips) per merged record. A case is
         * taken from here only when a record joins it; a record that joins another case reads that one then.
         */
        private final Map<String, CaseState> likelyToJoin;

        Batch(List<FeedRecord> usable) {
            processed = alreadyProcessed(usable.stream().map(FeedRecord::idempotencyKey).distinct().toList());
            known = knownSources(usable);
            identitiesBefore = new HashSet<>(known.keySet());
            cases = states.lockAndLoad(known.values().stream().map(Known::caseId).distinct().toList());
            if (dedupProperties.enabled()) {
                List<FeedRecord> unknown = usable.stream().filter(r -> !known.containsKey(r.identity())).toList();
                dedup.lock(unknown.stream().flatMap(r -> rule.blockingKeys(profile(matching(r))).stream()).collect(Collectors.toSet()));
                // after the lock: no other writer adds a case under these keys until this transaction ends
                indexed = dedup.candidates(unknown.stream().flatMap(r -> rule.lookups(profile(matching(r))).stream()).toList());
                likelyToJoin = states.lockAndLoad(likelyToJoin(unknown));
            } else {
                indexed = Map.of();
                likelyToJoin = Map.of();
            }
        }

        /**
         * The indexed cases the rule merges the new records into when each is decided against the index alone — as the
         * batch will decide them unless a case it opens or changes before them is a better match. A guess that only
         * saves round trips: every record is decided again, for real, in {@link #apply}.
         */
        private Set<String> likelyToJoin(List<FeedRecord> unknown) {
            CandidateSource indexOnly = (blockingKeys, from, to) -> {
                List<Candidate> candidates = new ArrayList<>();
                indexedAnswers(blockingKeys, from, to).forEach((caseId, profile) -> {
                    if (within(profile, from, to)) {
                        candidates.add(new Candidate(caseId, profile));
                    }
                });
                return candidates;
            };
            Set<String> targets = new HashSet<>();
            for (FeedRecord record : unknown) {
                Decision decision = rule.decide(profile(matching(record)), indexOnly);
                if (decision.merged() && !cases.containsKey(decision.mergeInto())) {
                    targets.add(decision.mergeInto());
                }
            }
            return targets;
        }

        StoreOutcome apply(FeedRecord record) {
            String key = record.idempotencyKey();
            if (!processed.add(key)) {
                return StoreOutcome.DUPLICATE;
            }
            String identity = record.identity();
            Known before = known.get(identity);
            if (before != null && before.version() >= record.sourceVersion()) {
                writes.processed(new Processed(key, before.caseId(), StoreOutcome.STALE.name(), now));
                return StoreOutcome.STALE;
            }
            RecordPreparation.Prepared prepared = prepared(record);
            CaseFacts facts = prepared.facts();
            Decision decision = before != null || !dedupProperties.enabled() ? NOT_ASKED : rule.decide(profile(matching(record)), this);
            StoreOutcome outcome;
            CaseState state;
            if (before != null) {
                outcome = StoreOutcome.UPDATED;
                state = cases.get(before.caseId());
            } else if (decision.merged()) {
                outcome = StoreOutcome.MERGED;
                state = caseToJoin(decision.mergeInto());
                states.link(writes, state, new CaseState.LinkRow(0, state.caseId, null, record.feed(), record.recordId(),
                        LinkKind.MERGED.label(), decision.merge().score(), decision.merge().features(), "recorded"), now);
            } else {
                outcome = StoreOutcome.CREATED;
                state = new CaseState(Ulid.next(), false);
                state.primary = identity;
                cases.put(state.caseId, state);
                for (Link link : decision.links()) {
                    states.link(writes, state, new CaseState.LinkRow(0, state.caseId, link.caseId(), record.feed(), record.recordId(),
                            link.kind().label(), link.score(), link.features(), link.kind() == LinkKind.POSSIBLE ? "open" : "recorded"), now);
                }
            }
            state.put(new CaseState.Source(record.feed(), record.recordId(), record.sourceVersion(), at(record.receivedAt()),
                    record.canonical()));
            state.facts = state.facts == null ? facts
                    : identity.equals(state.primary) ? facts.withPersonsOf(state.facts) : state.facts.withPersonsOf(facts);
            Set<String> blockingKeys = states.publish(writes, state,
                    outcome == StoreOutcome.CREATED ? CaseEvents.CREATED : CaseEvents.UPDATED, record.feed(), now);
            for (String member : state.regroup) {
                // a group matter recognised now: its other cases show the flag from their next revision, this one
                states.publish(writes, caseToJoin(member), CaseEvents.UPDATED, record.feed(), now);
            }
            for (String blockingKey : blockingKeys) {
                Set<String> opened = keysInBatch.computeIfAbsent(blockingKey, k -> new LinkedHashSet<>());
                opened.add(state.caseId);
                // as the index answers: per key the latest candidates-per-key, so a crowd in one batch is bounded too
                if (opened.size() > dedupProperties.candidatesPerKey()) {
                    opened.remove(opened.iterator().next());
                }
            }
            boolean existed = identitiesBefore.contains(identity);
            writes.putSource(identity, existed, new SourceWrite(record.feed(), record.recordId(), record.sourceVersion(),
                    at(record.receivedAt()), prepared.positionJson(), prepared.sealedRaw(), prepared.keyId(),
                    prepared.canonicalJson(), state.caseId));
            writes.replacePersons(identity, existed, new SourceKey(record.feed(), record.recordId()),
                    personRows(record, state.caseId));
            writes.processed(new Processed(key, state.caseId, outcome.name(), now));
            known.put(identity, new Known(state.caseId, record.sourceVersion()));
            return outcome;
        }

        /** The case the record belongs to after {@link #apply}, or null when the index does not know it. */
        String caseOf(FeedRecord record) {
            Known found = known.get(record.identity());
            return found == null ? null : found.caseId();
        }

        private RecordPreparation.Prepared prepared(FeedRecord record) {
            return preparedOf.computeIfAbsent(record, r -> {
                RecordPreparation.Prepared prepared = preparation.of(r);
                if (prepared.profile() != null) {
                    profileOf.put(prepared.matching(), prepared.profile());
                }
                return prepared;
            });
        }

        /** What the record is decided with: its facts, and its persons under the previous hash key while hashes move. */
        private CaseFacts matching(FeedRecord record) {
            return prepared(record).matching();
        }

        private CaseProfile profile(CaseFacts facts) {
            return profileOf.computeIfAbsent(facts, rule::profile);
        }

        /** The case the rule chose, locked; if an operator absorbed it meanwhile, the case that absorbed it. */
        private CaseState caseToJoin(String caseId) {
            CaseState state = cases.get(caseId);
            while (state == null || state.mergedInto != null) {
                String id = state == null ? caseId : state.mergedInto;
                state = cases.get(id);
                if (state == null) {
                    state = likelyToJoin.containsKey(id) ? likelyToJoin.get(id) : states.lockAndLoad(List.of(id)).get(id);
                    cases.put(id, state);
                }
            }
            return state;
        }

        /** The index's candidates, seen as this batch has changed them, plus the cases this batch opened. */
        @Override
        public List<Candidate> candidates(Set<String> blockingKeys, Instant from, Instant to) {
            Map<String, CaseProfile> found = indexedAnswers(blockingKeys, from, to);
            for (String blockingKey : blockingKeys) {
                for (String caseId : keysInBatch.getOrDefault(blockingKey, Set.of())) {
                    found.putIfAbsent(caseId, null);
                }
            }
            List<Candidate> candidates = new ArrayList<>();
            found.forEach((caseId, indexed) -> {
                CaseState changed = cases.get(caseId);
                CaseProfile current = changed == null ? indexed : changed.facts == null ? null : profile(changed.facts);
                if ((changed == null || changed.mergedInto == null) && within(current, from, to)) {
                    candidates.add(new Candidate(caseId, current));
                }
            });
            return candidates;
        }

        /** A candidate's profile reported within the record's window; none is not. */
        private static boolean within(CaseProfile profile, Instant from, Instant to) {
            return profile != null && !profile.reportedAt().isBefore(from) && !profile.reportedAt().isAfter(to);
        }

        /** The index's candidates for these keys, as read before the batch was decided. */
        private Map<String, CaseProfile> indexedAnswers(Set<String> blockingKeys, Instant from, Instant to) {
            Map<String, CaseProfile> found = new LinkedHashMap<>();
            for (String blockingKey : blockingKeys) {
                Map<String, CaseProfile> answer = indexed.get(new Lookup(blockingKey, from, to));
                if (answer == null) {
                    // a lookup the batch did not foresee (never, while the rule asks what it announced): ask the index
                    return new LinkedHashMap<>(dedup.candidates(blockingKeys, from, to));
                }
                answer.forEach(found::putIfAbsent);
            }
            return found;
        }
    }

    private Set<String> alreadyProcessed(List<String> keys) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(keys)) {
            found.addAll(processedIds.applied(chunk));
        }
        return found;
    }

    /** The source records of the batch already in the index, locked until the transaction ends. */
    private Map<String, Known> knownSources(List<FeedRecord> records) {
        Map<String, Known> known = new HashMap<>();
        Collection<SourceKey> identities = records.stream().collect(Collectors.toMap(FeedRecord::identity,
                r -> new SourceKey(r.feed(), r.recordId()), (a, b) -> a)).values();
        for (List<SourceKey> chunk : chunks(identities)) {
            for (KnownSource row : cases.lockKnownSources(chunk)) {
                known.put(row.feed() + ":" + row.recordId(), new Known(row.caseId(), row.sourceVersion()));
            }
        }
        return known;
    }

    private static List<PersonWrite> personRows(FeedRecord record, String caseId) {
        List<PersonWrite> rows = new ArrayList<>();
        int ordinal = 0;
        for (SealedPerson p : record.persons()) {
            rows.add(new PersonWrite(record.feed(), record.recordId(), ordinal++, caseId, p.role(), p.name(), p.idNumber(),
                    p.phone(), p.keyId(), p.idNumberHash(), p.phoneHash(), p.nameHash()));
        }
        return rows;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = List.copyOf(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
        }
        return chunks;
    }

    private record Known(String caseId, long version) {
    }
}
