package org.casehub.index;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.feed.FeedRecord;
import org.casehub.feed.FeedRecord.SealedPerson;
import org.casehub.network.UnitResolver;
import org.casehub.publish.CaseEvents;
import org.casehub.publish.PublishProperties;
import org.casehub.security.PiiCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of records to the index in one local transaction: the cases, their source records
 * and sealed persons, the processed ids, the event history and the outbox rows — or, for a record
 * that failed a step, its quarantine row. The source's offset/ack/flag moves only after this commits.
 * What the batch needs to know is read up front (and the known rows locked), the records are decided
 * in order, and the rows are written in batched statements.
 */
@Repository("caseIndex")
public class CaseIndexRepository {

    private static final Logger log = LoggerFactory.getLogger(CaseIndexRepository.class);
    private static final int IN_LIST = 500;
    private static final int STORE_ATTEMPTS = 3;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final CaseEvents events;
    private final PiiCipher cipher;
    private final QuarantineRepository quarantine;
    private final UnitResolver units;
    private final String feedDestination;

    public CaseIndexRepository(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectMapper json, CaseEvents events, PiiCipher cipher,
                               QuarantineRepository quarantine, UnitResolver units, PublishProperties publish) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.events = events;
        this.cipher = cipher;
        this.quarantine = quarantine;
        this.units = units;
        this.feedDestination = publish.kafkaDestination();
    }

    /**
     * Stores the batch in one transaction. Two writers may create the same new record at once (a pushed
     * and a pulled copy, two hub instances): the loser's insert fails on the primary key, and its batch is
     * stored again, now finding the record known.
     */
    public Map<StoreOutcome, Integer> store(List<FeedRecord> records) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> storeOnce(records));
            } catch (DuplicateKeyException e) {
                if (attempt == STORE_ATTEMPTS) {
                    throw e;
                }
                log.info("another writer stored one of these records first; storing the batch again");
            }
        }
    }

    private Map<StoreOutcome, Integer> storeOnce(List<FeedRecord> records) {
        Batch batch = new Batch(records.stream().filter(r -> !r.rejected()).toList());
        Map<StoreOutcome, Integer> outcomes = new EnumMap<>(StoreOutcome.class);
        for (FeedRecord record : records) {
            StoreOutcome outcome;
            if (record.replayOf() != null && !quarantine.claim(record.replayOf())) {
                // replayed or discarded meanwhile (another replay, another instance): nothing to do
                outcome = StoreOutcome.DUPLICATE;
            } else if (record.rejected()) {
                outcome = quarantine.add(record, batch.now);
            } else {
                outcome = batch.apply(record);
                if (record.replayOf() != null) {
                    quarantine.replayed(record.replayOf(), outcome, batch.caseOf(record), batch.now);
                }
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        batch.writes.writeTo(jdbc);
        if (!records.isEmpty()) {
            log.info("stored {} record(s) of feed {}: {}", records.size(), records.get(0).feed(), outcomes);
        }
        return outcomes;
    }

    /** The state one transaction decides its records against, read once and kept current in memory. */
    private final class Batch {

        private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        private final IndexWrites writes = new IndexWrites();
        private final Set<String> processed;
        private final Map<String, Known> known;
        private final Set<String> identitiesBefore;
        private final Map<String, Integer> revisions = new HashMap<>();
        private final Map<String, String> divisions = new HashMap<>();
        private final Set<String> casesBefore;
        private final Map<String, List<SourceRef>> sourcesOfCase;

        Batch(List<FeedRecord> usable) {
            processed = alreadyProcessed(usable.stream().map(FeedRecord::idempotencyKey).distinct().toList());
            known = knownSources(usable);
            identitiesBefore = new HashSet<>(known.keySet());
            List<String> caseIds = known.values().stream().map(Known::caseId).distinct().toList();
            lockCases(caseIds, revisions, divisions);
            casesBefore = new HashSet<>(revisions.keySet());
            sourcesOfCase = sourcesOf(caseIds);
        }

        StoreOutcome apply(FeedRecord record) {
            String key = record.idempotencyKey();
            if (!processed.add(key)) {
                return StoreOutcome.DUPLICATE;
            }
            String identity = record.identity();
            Known before = known.get(identity);
            if (before != null && before.version() >= record.sourceVersion()) {
                writes.processed(key, before.caseId(), StoreOutcome.STALE.name(), now);
                return StoreOutcome.STALE;
            }
            StoreOutcome outcome = before == null ? StoreOutcome.CREATED : StoreOutcome.UPDATED;
            String caseId = before == null ? Ulid.next() : before.caseId();
            List<SourceRef> sources = sourcesOfCase.computeIfAbsent(caseId, id -> new ArrayList<>());
            sources.removeIf(s -> s.identity().equals(identity));
            sources.add(new SourceRef(record.feed(), record.recordId(), record.sourceVersion(), at(record.receivedAt())));

            String division = record.canonical().path("location").path("divisionCode").asText(null);
            Set<String> responsible = units.unitsOf(division);
            Set<String> dropped = new LinkedHashSet<>(before == null ? Set.of() : units.unitsOf(divisions.get(caseId)));
            dropped.removeAll(responsible);
            if (!dropped.isEmpty()) {
                // the units that are no longer responsible learn it from an event of its own, before the update
                emit(CaseEvents.REASSIGNED, record.feed(), caseData(record, caseId, nextRevision(caseId), sources), dropped);
            }
            int revision = nextRevision(caseId);
            ObjectNode caseData = caseData(record, caseId, revision, sources);
            emit(outcome == StoreOutcome.CREATED ? CaseEvents.CREATED : CaseEvents.UPDATED, record.feed(), caseData, responsible);
            divisions.put(caseId, division);
            writes.putCase(caseId, casesBefore.contains(caseId), caseColumns(caseData, now), now);
            boolean existed = identitiesBefore.contains(identity);
            writes.putSource(identity, existed, new Object[] {record.sourceVersion(), at(record.receivedAt()),
                    write(json.valueToTree(record.position())), cipher.seal(record.raw()), cipher.currentKeyId(),
                    write(record.canonical()), caseId, record.feed(), record.recordId()});
            writes.replacePersons(identity, existed, new Object[] {record.feed(), record.recordId()}, personRows(record, caseId));
            writes.processed(key, caseId, outcome.name(), now);
            known.put(identity, new Known(caseId, record.sourceVersion()));
            return outcome;
        }

        /** The case the record belongs to after {@link #apply}, or null when the index does not know it. */
        String caseOf(FeedRecord record) {
            Known found = known.get(record.identity());
            return found == null ? null : found.caseId();
        }

        private int nextRevision(String caseId) {
            return revisions.merge(caseId, 1, Integer::sum);
        }

        /** Appends the event to the case's history and queues it for the unified feed and each unit. */
        private void emit(String type, String feed, ObjectNode caseData, Set<String> unitCodes) {
            ObjectNode event = events.envelope(type, feed, caseData, now);
            String eventId = event.path("id").asText();
            String caseId = caseData.path("caseId").asText();
            writes.event(eventId, caseId, caseData.path("revision").asInt(), type, event.path("source").asText(), feed, now,
                    write(event));
            writes.outbox(eventId, caseId, feedDestination, now);
            for (String unit : unitCodes) {
                writes.outbox(eventId, caseId, UnitResolver.destination(unit), now);
            }
        }
    }

    private Set<String> alreadyProcessed(List<String> keys) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(keys)) {
            found.addAll(named.queryForList("SELECT idempotency_key FROM processed_id WHERE idempotency_key IN (:keys)",
                    Map.of("keys", chunk), String.class));
        }
        return found;
    }

    /** The source records of the batch already in the index, locked until the transaction ends. */
    private Map<String, Known> knownSources(List<FeedRecord> records) {
        Map<String, Known> known = new HashMap<>();
        Map<String, List<String>> idsByFeed = records.stream().collect(Collectors.groupingBy(FeedRecord::feed,
                Collectors.mapping(FeedRecord::recordId, Collectors.collectingAndThen(Collectors.toSet(), List::copyOf))));
        idsByFeed.forEach((feed, ids) -> {
            for (List<String> chunk : chunks(ids)) {
                named.query("SELECT feed, record_id, case_id, source_version FROM source_record"
                                + " WHERE feed = :feed AND record_id IN (:ids) FOR UPDATE",
                        Map.of("feed", feed, "ids", chunk),
                        rs -> {
                            known.put(rs.getString("feed") + ":" + rs.getString("record_id"),
                                    new Known(rs.getString("case_id"), rs.getLong("source_version")));
                        });
            }
        });
        return known;
    }

    private void lockCases(List<String> caseIds, Map<String, Integer> revisions, Map<String, String> divisions) {
        for (List<String> chunk : chunks(caseIds)) {
            named.query("SELECT case_id, revision, division_code FROM hub_case WHERE case_id IN (:ids) FOR UPDATE",
                    Map.of("ids", chunk),
                    rs -> {
                        revisions.put(rs.getString("case_id"), rs.getInt("revision"));
                        divisions.put(rs.getString("case_id"), rs.getString("division_code"));
                    });
        }
    }

    private Map<String, List<SourceRef>> sourcesOf(List<String> caseIds) {
        Map<String, List<SourceRef>> sources = new HashMap<>();
        for (List<String> chunk : chunks(caseIds)) {
            named.query("SELECT case_id, feed, record_id, source_version, received_at FROM source_record"
                            + " WHERE case_id IN (:ids) ORDER BY received_at, feed, record_id", Map.of("ids", chunk),
                    rs -> {
                        sources.computeIfAbsent(rs.getString("case_id"), id -> new ArrayList<>())
                                .add(new SourceRef(rs.getString("feed"), rs.getString("record_id"),
                                        rs.getLong("source_version"), rs.getObject("received_at", OffsetDateTime.class)));
                    });
        }
        return sources;
    }

    /** The case as of this revision: the mapped record plus its identity and every source record behind it. */
    private ObjectNode caseData(FeedRecord record, String caseId, int revision, List<SourceRef> sources) {
        ObjectNode data = json.createObjectNode();
        data.put("caseId", caseId);
        data.put("revision", revision);
        ArrayNode array = data.putArray("sources");
        for (SourceRef source : sources) {
            array.addObject()
                    .put("feed", source.feed())
                    .put("recordId", source.recordId())
                    .put("sourceVersion", source.version())
                    .put("receivedAt", source.receivedAt().toInstant().toString());
        }
        data.setAll(record.canonical());
        return data;
    }

    private Object[] caseColumns(ObjectNode data, OffsetDateTime now) {
        ObjectNode location = (ObjectNode) data.path("location");
        return new Object[] {
                data.path("revision").asInt(), data.path("status").asText(), data.path("category").asText(),
                data.path("channel").asText(), location.path("divisionCode").asText(null),
                data.path("lawRelated").asBoolean(), data.path("group").asBoolean(),
                location.path("resolution").path("manualRouting").asBoolean(), write(data),
                now, data.path("caseId").asText()};
    }

    private static List<Object[]> personRows(FeedRecord record, String caseId) {
        List<Object[]> rows = new ArrayList<>();
        int ordinal = 0;
        for (SealedPerson p : record.persons()) {
            rows.add(new Object[] {record.feed(), record.recordId(), ordinal++, caseId, p.role(), p.name(), p.idNumber(),
                    p.phone(), p.keyId(), p.idNumberHash(), p.phoneHash(), p.nameHash()});
        }
        return rows;
    }

    private String write(Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
        }
        return chunks;
    }

    private record Known(String caseId, long version) {
    }

    private record SourceRef(String feed, String recordId, long version, OffsetDateTime receivedAt) {
        String identity() {
            return feed + ":" + recordId;
        }
    }
}
