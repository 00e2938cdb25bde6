package org.casehub.dedup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dedup rule's view of the index: blocking keys with their cases, the lock rows that serialise concurrent
 * deciders of one grievance, and the candidates a key finds. Always called inside the index's transaction.
 * A batch has at most a few thousand keys, far below PostgreSQL's limit of bind parameters, so IN lists
 * are not split.
 */
@Repository
public class DedupRepository {

    private static final String ENSURE_LOCK_ROW = "MERGE INTO dedup_lock l USING (SELECT CAST(? AS VARCHAR(100)) AS block_key) v"
            + " ON l.block_key = v.block_key WHEN NOT MATCHED THEN INSERT (block_key) VALUES (v.block_key)";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper json;
    private final int perKey;

    public DedupRepository(JdbcTemplate jdbc, ObjectMapper json, DedupProperties properties) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.json = json;
        this.perKey = properties.candidatesPerKey();
    }

    /**
     * Locks the keys' rows until the transaction ends, creating those never used. Taken in key order, so that
     * two transactions locking overlapping sets wait for each other instead of deadlocking.
     */
    public void lock(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<String> sorted = List.copyOf(new TreeSet<>(keys));
        jdbc.batchUpdate(ENSURE_LOCK_ROW, sorted.stream().map(k -> new Object[] {k}).toList());
        named.queryForList("SELECT block_key FROM dedup_lock WHERE block_key IN (:keys) ORDER BY block_key FOR UPDATE",
                Map.of("keys", sorted), String.class);
    }

    /**
     * The cases, not merged into another, having one of the keys with a report time inside [from, to]: per key the
     * most recent ones, at most {@code candidates-per-key}.
     */
    public Map<String, CaseFacts> candidates(Set<String> keys, Instant from, Instant to) {
        Map<String, CaseFacts> found = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<String> perKeyQueries = new ArrayList<>();
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("from", from.atOffset(ZoneOffset.UTC)).addValue("to", to.atOffset(ZoneOffset.UTC));
        int i = 0;
        for (String key : keys) {
            perKeyQueries.add("(SELECT case_id FROM dedup_key WHERE block_key = :k" + i + " AND reported_at BETWEEN :from AND :to"
                    + " ORDER BY reported_at DESC FETCH FIRST " + perKey + " ROWS ONLY)");
            parameters.addValue("k" + i++, key);
        }
        named.query("SELECT c.case_id, c.dedup_facts FROM (" + String.join(" UNION ALL ", perKeyQueries) + ") k"
                        + " JOIN hub_case c ON c.case_id = k.case_id WHERE c.merged_into IS NULL AND c.dedup_facts IS NOT NULL",
                parameters,
                rs -> {
                    String caseId = rs.getString("case_id");
                    if (!found.containsKey(caseId)) {
                        found.put(caseId, read(rs.getString("dedup_facts")));
                    }
                });
        return found;
    }

    public String write(CaseFacts facts) {
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write case facts", e);
        }
    }

    public CaseFacts read(String facts) {
        if (facts == null) {
            return null;
        }
        try {
            return json.readValue(facts, CaseFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read case facts", e);
        }
    }
}
