package org.casehub.index;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.feed.FeedRecord;
import org.casehub.feed.FeedRecord.SealedPerson;
import org.casehub.publish.CaseEvents;
import org.casehub.publish.PublishProperties;
import org.casehub.security.PiiCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a batch of records to the index in one local transaction: the cases, their source records
 * and sealed persons, the processed ids, the event history and the outbox rows — or, for a record
 * that failed a step, its quarantine row. The source's offset/ack/flag moves only after this commits.
 */
@Repository("caseIndex")
public class CaseIndexRepository {

    private static final Logger log = LoggerFactory.getLogger(CaseIndexRepository.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CaseEvents events;
    private final PiiCipher cipher;
    private final QuarantineRepository quarantine;
    private final List<String> destinations;

    public CaseIndexRepository(JdbcTemplate jdbc, ObjectMapper json, CaseEvents events, PiiCipher cipher,
                               QuarantineRepository quarantine, PublishProperties publish) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.cipher = cipher;
        this.quarantine = quarantine;
        this.destinations = List.of(publish.kafkaDestination());
    }

    @Transactional
    public Map<StoreOutcome, Integer> store(List<FeedRecord> records) {
        Map<StoreOutcome, Integer> outcomes = new EnumMap<>(StoreOutcome.class);
        for (FeedRecord record : records) {
            StoreOutcome outcome = record.rejected() ? quarantine.add(record) : apply(record);
            outcomes.merge(outcome, 1, Integer::sum);
        }
        if (!records.isEmpty()) {
            log.info("stored {} record(s) of feed {}: {}", records.size(), records.get(0).feed(), outcomes);
        }
        return outcomes;
    }

    private StoreOutcome apply(FeedRecord record) {
        if (alreadyProcessed(record.idempotencyKey())) {
            return StoreOutcome.DUPLICATE;
        }
        List<Map<String, Object>> known = jdbc.queryForList(
                "SELECT case_id, source_version FROM source_record WHERE feed = ? AND record_id = ? FOR UPDATE",
                record.feed(), record.recordId());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (!known.isEmpty() && ((Number) known.get(0).get("source_version")).longValue() >= record.sourceVersion()) {
            markProcessed(record, (String) known.get(0).get("case_id"), StoreOutcome.STALE, now);
            return StoreOutcome.STALE;
        }
        boolean created = known.isEmpty();
        String caseId = created ? Ulid.next() : (String) known.get(0).get("case_id");
        int revision = created ? 1 : currentRevision(caseId) + 1;

        ObjectNode caseData = caseData(record, caseId, revision);
        writeCase(caseData, created, now);
        writeSourceRecord(record, caseId, created, now);
        writePersons(record, caseId);
        markProcessed(record, caseId, created ? StoreOutcome.CREATED : StoreOutcome.UPDATED, now);
        appendEvent(events.envelope(created ? CaseEvents.CREATED : CaseEvents.UPDATED, record.feed(), caseData, now),
                caseId, revision, record.feed(), now);
        return created ? StoreOutcome.CREATED : StoreOutcome.UPDATED;
    }

    private boolean alreadyProcessed(String key) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM processed_id WHERE idempotency_key = ?", Integer.class, key);
        return n != null && n > 0;
    }

    private int currentRevision(String caseId) {
        Integer revision = jdbc.queryForObject("SELECT revision FROM hub_case WHERE case_id = ? FOR UPDATE", Integer.class, caseId);
        return revision == null ? 0 : revision;
    }

    private void writeSourceRecord(FeedRecord record, String caseId, boolean created, OffsetDateTime now) {
        byte[] sealed = cipher.seal(record.raw());
        String canonical = write(record.canonical());
        String position = write(json.valueToTree(record.position()));
        if (created) {
            jdbc.update("INSERT INTO source_record (feed, record_id, source_version, case_id, received_at, position,"
                            + " payload_sealed, key_id, canonical_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    record.feed(), record.recordId(), record.sourceVersion(), caseId, at(record.receivedAt()),
                    position, sealed, cipher.currentKeyId(), canonical);
        } else {
            jdbc.update("UPDATE source_record SET source_version = ?, received_at = ?, position = ?, payload_sealed = ?,"
                            + " key_id = ?, canonical_json = ? WHERE feed = ? AND record_id = ?",
                    record.sourceVersion(), at(record.receivedAt()), position, sealed, cipher.currentKeyId(), canonical,
                    record.feed(), record.recordId());
        }
    }

    /** The case as of this revision: the mapped record plus its identity and every source record behind it. */
    private ObjectNode caseData(FeedRecord record, String caseId, int revision) {
        ObjectNode data = json.createObjectNode();
        data.put("caseId", caseId);
        data.put("revision", revision);
        ArrayNode sources = data.putArray("sources");
        jdbc.query("SELECT feed, record_id, source_version, received_at FROM source_record WHERE case_id = ?"
                        + " AND NOT (feed = ? AND record_id = ?) ORDER BY received_at, feed, record_id",
                rs -> {
                    addSource(sources, rs.getString("feed"), rs.getString("record_id"), rs.getLong("source_version"),
                            rs.getObject("received_at", OffsetDateTime.class));
                },
                caseId, record.feed(), record.recordId());
        addSource(sources, record.feed(), record.recordId(), record.sourceVersion(), at(record.receivedAt()));
        data.setAll(record.canonical());
        return data;
    }

    private static void addSource(ArrayNode sources, String feed, String recordId, long version, OffsetDateTime receivedAt) {
        sources.addObject()
                .put("feed", feed)
                .put("recordId", recordId)
                .put("sourceVersion", version)
                .put("receivedAt", receivedAt.toInstant().toString());
    }

    private void writeCase(ObjectNode data, boolean created, OffsetDateTime now) {
        ObjectNode location = (ObjectNode) data.path("location");
        Object[] columns = {
                data.path("revision").asInt(), data.path("status").asText(), data.path("category").asText(),
                data.path("channel").asText(), location.path("divisionCode").asText(null),
                data.path("lawRelated").asBoolean(), data.path("group").asBoolean(),
                location.path("resolution").path("manualRouting").asBoolean(), write(data), now,
                data.path("caseId").asText()};
        if (created) {
            jdbc.update("INSERT INTO hub_case (revision, status, category, channel, division_code, law_related, group_case,"
                    + " manual_routing, case_json, updated_at, case_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    append(columns, now));
        } else {
            jdbc.update("UPDATE hub_case SET revision = ?, status = ?, category = ?, channel = ?, division_code = ?,"
                    + " law_related = ?, group_case = ?, manual_routing = ?, case_json = ?, updated_at = ? WHERE case_id = ?",
                    columns);
        }
    }

    private void writePersons(FeedRecord record, String caseId) {
        jdbc.update("DELETE FROM case_person WHERE feed = ? AND record_id = ?", record.feed(), record.recordId());
        List<Object[]> rows = new ArrayList<>();
        int ordinal = 0;
        for (SealedPerson p : record.persons()) {
            rows.add(new Object[] {record.feed(), record.recordId(), ordinal++, caseId, p.role(), p.name(), p.idNumber(),
                    p.phone(), p.keyId(), p.idNumberHash(), p.phoneHash(), p.nameHash()});
        }
        jdbc.batchUpdate("INSERT INTO case_person (feed, record_id, ordinal, case_id, role, name_sealed, id_sealed,"
                + " phone_sealed, key_id, id_hash, phone_hash, name_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private void markProcessed(FeedRecord record, String caseId, StoreOutcome outcome, OffsetDateTime now) {
        jdbc.update("INSERT INTO processed_id (idempotency_key, case_id, outcome, processed_at) VALUES (?, ?, ?, ?)",
                record.idempotencyKey(), caseId, outcome.name(), now);
    }

    private void appendEvent(ObjectNode event, String caseId, int revision, String feed, OffsetDateTime now) {
        String eventId = event.path("id").asText();
        jdbc.update("INSERT INTO case_event (event_id, case_id, revision, event_type, source, feed, event_time, event_json)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                eventId, caseId, revision, event.path("type").asText(), event.path("source").asText(), feed, now, write(event));
        for (String destination : destinations) {
            jdbc.update("INSERT INTO outbox (event_id, case_id, destination, created_at) VALUES (?, ?, ?, ?)",
                    eventId, caseId, destination, now);
        }
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

    private static Object[] append(Object[] values, Object last) {
        Object[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = last;
        return out;
    }

}
