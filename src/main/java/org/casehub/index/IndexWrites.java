package org.casehub.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows one index transaction writes, gathered while its records are decided and then written
 * with one batched statement per kind of row: far fewer round trips than a statement per record.
 * A case or source record touched twice in one batch is written once, in its final state.
 */
final class IndexWrites {

    /** Written in this order, so that every reference points at a row already there. */
    private static final String INSERT_CASE = "INSERT INTO hub_case (revision, status, category, channel, division_code,"
            + " law_related, group_case, manual_routing, case_json, dedup_facts, primary_source, merged_into, updated_at,"
            + " case_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_CASE = "UPDATE hub_case SET revision = ?, status = ?, category = ?, channel = ?,"
            + " division_code = ?, law_related = ?, group_case = ?, manual_routing = ?, case_json = ?, dedup_facts = ?,"
            + " primary_source = ?, merged_into = ?, updated_at = ? WHERE case_id = ?";
    private static final String INSERT_SOURCE = "INSERT INTO source_record (source_version, received_at, position,"
            + " payload_sealed, key_id, canonical_json, case_id, feed, record_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_SOURCE = "UPDATE source_record SET source_version = ?, received_at = ?, position = ?,"
            + " payload_sealed = ?, key_id = ?, canonical_json = ?, case_id = ? WHERE feed = ? AND record_id = ?";
    private static final String DELETE_PERSONS = "DELETE FROM case_person WHERE feed = ? AND record_id = ?";
    private static final String INSERT_PERSON = "INSERT INTO case_person (feed, record_id, ordinal, case_id, role,"
            + " name_sealed, id_sealed, phone_sealed, key_id, id_hash, phone_hash, name_hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PROCESSED = "INSERT INTO processed_id (idempotency_key, case_id, outcome, processed_at)"
            + " VALUES (?, ?, ?, ?)";
    private static final String INSERT_EVENT = "INSERT INTO case_event (event_id, case_id, revision, event_type, source,"
            + " feed, event_time, event_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE_DEDUP_KEYS = "DELETE FROM dedup_key WHERE case_id = ?";
    private static final String INSERT_DEDUP_KEY = "INSERT INTO dedup_key (block_key, case_id, reported_at, revision)"
            + " VALUES (?, ?, ?, ?)";
    private static final String INSERT_LINK = "INSERT INTO case_link (case_id, other_case_id, feed, record_id, kind, score,"
            + " features, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_OUTBOX = "INSERT INTO outbox (event_id, case_id, destination, channel, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";

    private final Map<String, Object[]> newCases = new LinkedHashMap<>();
    private final Map<String, Object[]> changedCases = new LinkedHashMap<>();
    private final Map<String, Object[]> newSources = new LinkedHashMap<>();
    private final Map<String, Object[]> changedSources = new LinkedHashMap<>();
    private final Map<String, Object[]> personsReplaced = new LinkedHashMap<>();
    private final Map<String, List<Object[]>> persons = new LinkedHashMap<>();
    private final List<Object[]> processed = new ArrayList<>();
    private final List<Object[]> events = new ArrayList<>();
    private final List<Object[]> outbox = new ArrayList<>();
    private final Map<String, Object[]> dedupKeysReplaced = new LinkedHashMap<>();
    private final Map<String, List<Object[]>> dedupKeys = new LinkedHashMap<>();
    private final List<Object[]> links = new ArrayList<>();

    /** Case columns in the order of UPDATE_CASE; an insert adds created_at. */
    void putCase(String caseId, boolean existedBefore, Object[] columns, Object createdAt) {
        if (existedBefore) {
            changedCases.put(caseId, columns);
        } else {
            Object[] insert = java.util.Arrays.copyOf(columns, columns.length + 1);
            insert[columns.length] = createdAt;
            newCases.put(caseId, insert);
        }
    }

    /** Source record columns in the order of UPDATE_SOURCE. */
    void putSource(String identity, boolean existedBefore, Object[] columns) {
        (existedBefore ? changedSources : newSources).put(identity, columns);
    }

    void replacePersons(String identity, boolean existedBefore, Object[] key, List<Object[]> rows) {
        if (existedBefore) {
            personsReplaced.put(identity, key);
        }
        persons.put(identity, rows);
    }

    void processed(Object... row) {
        processed.add(row);
    }

    void event(Object... row) {
        events.add(row);
    }

    /**
     * The case's blocking keys as they are now, in the order of INSERT_DEDUP_KEY: those it had are replaced, so that a
     * key row always carries the case's current revision and a case merged away (no keys) is found by none.
     */
    void dedupKeys(String caseId, boolean existedBefore, List<Object[]> rows) {
        if (existedBefore) {
            dedupKeysReplaced.put(caseId, new Object[] {caseId});
        }
        dedupKeys.put(caseId, rows);
    }

    void link(Object... row) {
        links.add(row);
    }

    /** One row per event and destination; the channel (kafka, artemis) is the destination's prefix. */
    void outbox(String eventId, String caseId, String destination, Object createdAt) {
        outbox.add(new Object[] {eventId, caseId, destination, destination.substring(0, destination.indexOf(':')), createdAt});
    }

    void writeTo(JdbcTemplate jdbc) {
        batch(jdbc, INSERT_CASE, newCases.values());
        batch(jdbc, UPDATE_CASE, changedCases.values());
        batch(jdbc, INSERT_SOURCE, newSources.values());
        batch(jdbc, UPDATE_SOURCE, changedSources.values());
        batch(jdbc, DELETE_PERSONS, personsReplaced.values());
        batch(jdbc, INSERT_PERSON, persons.values().stream().flatMap(List::stream).toList());
        batch(jdbc, INSERT_PROCESSED, processed);
        batch(jdbc, INSERT_EVENT, events);
        batch(jdbc, INSERT_OUTBOX, outbox);
        batch(jdbc, DELETE_DEDUP_KEYS, dedupKeysReplaced.values());
        batch(jdbc, INSERT_DEDUP_KEY, dedupKeys.values().stream().flatMap(List::stream).toList());
        batch(jdbc, INSERT_LINK, links);
    }

    private static void batch(JdbcTemplate jdbc, String sql, java.util.Collection<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, List.copyOf(rows));
        }
    }
}
