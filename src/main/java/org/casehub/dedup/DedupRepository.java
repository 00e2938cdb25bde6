package org.casehub.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.casehub.core.AfterCommit;
import org.casehub.core.DatabaseProduct;
import org.casehub.security.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dedup rule's view of the index, and the one owner of the tables {@code dedup_key} and {@code dedup_lock}:
 * blocking keys with their cases (written by the index transaction, through {@link #deleteKeys} and
 * {@link #insertKeys}), the lock rows that serialise concurrent deciders of one grievance, and the candidates a key
 * finds, whose facts come from the case table's owner ({@link StoredFacts}). Always called inside the index's
 * transaction.
 * A batch has at most a few thousand keys, far below PostgreSQL's limit of bind parameters, so IN lists
 * are not split.
 * <p>
 * The candidates' profiles are kept per case revision (at most {@code profile-cache-size}): a case of a busy
 * community is found by every decision there within its window, and reading and cutting its text each time would
 * make a decision's cost grow with the crowd. A case changed since (here or by another instance) has a new revision,
 * so a kept profile is never stale.
 */
@Repository
public class DedupRepository {

    private static final Logger log = LoggerFactory.getLogger(DedupRepository.class);
    private static final int PRELOAD_PAGE = 1000;
    private static final int LOOKUPS_PER_UNION = 200;
    private static final int FACTS_PER_READ = 1000;
    private static final String ENSURE_LOCK_ROW = "MERGE INTO dedup_lock l USING (SELECT CAST(? AS VARCHAR(100)) AS block_key) v"
            + " ON l.block_key = v.block_key WHEN NOT MATCHED THEN INSERT (block_key) VALUES (v.block_key)";

    private final JdbcTemplate jdbc;
    private final StoredFacts stored;
    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper json;
    private final DuplicateRule rule;
    private final DedupProperties properties;
    private final int perKey;
    private final Cache<String, Kept> profiles;
    private final DatabaseProduct database;
    /** why the last warm-up failed; null once it succeeded (or before it ran) */
    private volatile String warmUpFailure;

    private record Kept(int revision, CaseProfile profile) {
    }

    public DedupRepository(JdbcTemplate jdbc, StoredFacts stored, ObjectMapper json, DuplicateRule rule,
                           DedupProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.database = new DatabaseProduct(jdbc);
        this.stored = stored;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.json = json;
        this.rule = rule;
        this.properties = properties;
        this.perKey = properties.candidatesPerKey();
        // upkeep on the deciding thread: on a small machine a pool thread woken for it competes with the decisions
        this.profiles = Caffeine.newBuilder().maximumSize(properties.profileCacheSize()).executor(Runnable::run).recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, profiles, "casehub.dedup.profiles");
    }

    /**
     * Once the hub runs, keeps the profiles of the cases changed within the matter window, in the background: a hub
     * just started then decides as fast as one running for days, instead of reading each candidate once first.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void keepRecentProfilesInBackground() {
        if (!properties.enabled()) {
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                int kept = keepRecentProfiles(Instant.now().minus(properties.matterWindow()));
                warmUpFailure = null;
                log.info("dedup: kept the profiles of {} recent case(s)", kept);
            } catch (RuntimeException e) {
                warmUpFailure = Masking.scrub(e.getClass().getSimpleName() + ": " + e.getMessage());
                log.warn("dedup: could not keep the recent cases' profiles; decisions read them as they need them", e);
            }
        }, "casehub-dedup-profiles");
        loader.setDaemon(true);
        loader.start();
    }

    /** Why the warm-up of this start failed (for the feeds' health and its alarm), or empty. */
    public Optional<String> warmUpFailure() {
        return Optional.ofNullable(warmUpFailure);
    }

    /**
     * Keeps the profiles of the cases changed since then, most recent first, as many as the cache holds; read a page
     * at a time, so that a starting hub never holds the whole window's facts at once.
     */
    public int keepRecentProfiles(Instant since) {
        int read = 0;
        int kept = 0;
        OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
        StoredFacts.Facts last = null;
        while (read < properties.profileCacheSize()) {
            int size = Math.min(PRELOAD_PAGE, properties.profileCacheSize() - read);
            List<StoredFacts.Facts> page = stored.recentFacts(from, last == null ? null : last.updatedAt(),
                    last == null ? null : last.caseId(), size);
            for (StoredFacts.Facts facts : page) {
                if (keep(facts.caseId(), facts.revision(), facts.dedupFacts()) != null) {
                    kept++;
                }
            }
            read += page.size();
            if (page.size() < size) {
                break;
            }
            last = page.get(page.size() - 1);
        }
        return kept;
    }

    /**
     * Holds the keys until the transaction ends. On PostgreSQL, as transaction-scoped advisory locks on the keys'
     * 64-bit hashes: one round trip, and nothing written (a hash shared by two keys only makes their deciders wait
     * for each other). Elsewhere (H2), as rows of dedup_lock, created when first used and locked FOR UPDATE. Either
     * way taken in one order, so that two transactions holding overlapping keys wait instead of deadlocking.
     */
    public void lock(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        if (database.postgres()) {
            Long[] hashes = keys.stream().map(DedupRepository::hash).sorted().distinct().toArray(Long[]::new);
            // ORDER BY makes PostgreSQL call the (volatile) lock function after sorting: in hash order
            jdbc.query(con -> {
                var statement = con.prepareStatement("SELECT pg_advisory_xact_lock(h) FROM unnest(?) AS t(h) ORDER BY h");
                statement.setArray(1, con.createArrayOf("bigint", hashes));
                return statement;
            }, rs -> { });
            return;
        }
        List<String> sorted = List.copyOf(new TreeSet<>(keys));
        jdbc.batchUpdate(ENSURE_LOCK_ROW, sorted.stream().map(k -> new Object[] {k}).toList());
        named.queryForList("SELECT block_key FROM dedup_lock WHERE block_key IN (:keys) ORDER BY block_key FOR UPDATE",
                Map.of("keys", sorted), String.class);
    }

    /** The first 8 bytes of the key's SHA-256: the same on every instance. */
    static long hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * The cases, not merged into another, having one of the keys with a report time inside [from, to]: per key the
     * most recent ones, at most {@code candidates-per-key}; with their profiles, in the order found.
     */
    public Map<String, CaseProfile> candidates(Set<String> keys, Instant from, Instant to) {
        Map<Lookup, Map<String, CaseProfile>> found = candidates(keys.stream().map(k -> new Lookup(k, from, to)).toList());
        Map<String, CaseProfile> merged = new LinkedHashMap<>();
        for (String key : keys) {
            found.get(new Lookup(key, from, to)).forEach(merged::putIfAbsent);
        }
        return merged;
    }

    /** One key's question to the index: its cases reported within [from, to]. */
    public record Lookup(String key, Instant from, Instant to) {
    }

    /**
     * The answers to many lookups — a whole batch's decisions — read together: on PostgreSQL with one statement, on
     * H2 with one per {@value #LOOKUPS_PER_UNION} lookups, and the profiles the cache lacks with one more. Per lookup
     * the cases the index has for it, as {@link #candidates(Set, Instant, Instant)} finds them: the most recent
     * {@code candidates-per-key}, most recent first, those merged away or unreadable left out. A batch decides each of
     * its records against these (the index does not change under it: the keys are locked, its rows written at its end).
     */
    public Map<Lookup, Map<String, CaseProfile>> candidates(Collection<Lookup> lookups) {
        List<Lookup> asked = List.copyOf(new LinkedHashSet<>(lookups));
        List<List<KeyRow>> rows = database.postgres() ? keyRowsAtOnce(asked) : keyRowsInUnions(asked);
        Map<String, CaseProfile> profileOf = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (List<KeyRow> ofLookup : rows) {
            for (KeyRow row : ofLookup) {
                if (!profileOf.containsKey(row.caseId())) {
                    Kept kept = profiles.getIfPresent(row.caseId());
                    boolean current = kept != null && kept.revision() == row.revision();
                    profileOf.put(row.caseId(), current ? kept.profile() : null);
                    if (!current) {
                        unknown.add(row.caseId());
                    }
                }
            }
        }
        for (int i = 0; i < unknown.size(); i += FACTS_PER_READ) {
            for (StoredFacts.Facts facts : stored.currentFacts(unknown.subList(i, Math.min(unknown.size(), i + FACTS_PER_READ)))) {
                profileOf.put(facts.caseId(), keep(facts.caseId(), facts.revision(), facts.dedupFacts()));
            }
        }
        Map<Lookup, Map<String, CaseProfile>> answers = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            Map<String, CaseProfile> answer = new LinkedHashMap<>();
            for (KeyRow row : rows.get(i)) {
                // merged away since its keys were read, or too big to read: no candidate
                CaseProfile profile = profileOf.get(row.caseId());
                if (profile != null) {
                    answer.putIfAbsent(row.caseId(), profile);
                }
            }
            answers.put(asked.get(i), answer);
        }
        return answers;
    }

    /** A key row as a lookup finds it: a case's current revision (a case merged away has none). */
    private record KeyRow(String caseId, int revision) {
    }

    /** PostgreSQL: every lookup in one statement, each an index-only scan of its key, newest first. */
    private List<List<KeyRow>> keyRowsAtOnce(List<Lookup> asked) {
        List<List<KeyRow>> rows = emptyAnswers(asked.size());
        if (asked.isEmpty()) {
            return rows;
        }
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT t.q, d.case_id, d.revision"
                    + " FROM unnest(CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS timestamptz[])) WITH ORDINALITY"
                    + " AS t(block_key, from_at, to_at, q) CROSS JOIN LATERAL (SELECT case_id, revision FROM dedup_key k"
                    + " WHERE k.block_key = t.block_key AND k.reported_at BETWEEN t.from_at AND t.to_at"
                    + " ORDER BY k.block_key DESC, k.reported_at DESC FETCH FIRST " + perKey + " ROWS ONLY) d");
            statement.setArray(1, con.createArrayOf("text", asked.stream().map(Lookup::key).toArray()));
            statement.setArray(2, con.createArrayOf("text", asked.stream().map(l -> l.from().toString()).toArray()));
            statement.setArray(3, con.createArrayOf("text", asked.stream().map(l -> l.to().toString()).toArray()));
            return statement;
        }, (RowCallbackHandler) rs ->
                rows.get(rs.getInt(1) - 1).add(new KeyRow(rs.getString(2), rs.getInt(3))));
        return rows;
    }

    /**
     * Elsewhere (H2): the lookups as a UNION ALL of one query each, tagged with their place. block_key in the ORDER
     * BY lets H2 walk the index backwards too, reading perKey rows instead of every row of a crowded key.
     */
    private List<List<KeyRow>> keyRowsInUnions(List<Lookup> asked) {
        List<List<KeyRow>> rows = emptyAnswers(asked.size());
        for (int first = 0; first < asked.size(); first += LOOKUPS_PER_UNION) {
            List<String> queries = new ArrayList<>();
            MapSqlParameterSource parameters = new MapSqlParameterSource();
            for (int i = first; i < Math.min(asked.size(), first + LOOKUPS_PER_UNION); i++) {
                Lookup lookup = asked.get(i);
                queries.add("(SELECT " + i + " AS q, case_id, revision FROM dedup_key WHERE block_key = :k" + i
                        + " AND reported_at BETWEEN :f" + i + " AND :t" + i
                        + " ORDER BY block_key DESC, reported_at DESC FETCH FIRST " + perKey + " ROWS ONLY)");
                parameters.addValue("k" + i, lookup.key()).addValue("f" + i, lookup.from().atOffset(ZoneOffset.UTC))
                        .addValue("t" + i, lookup.to().atOffset(ZoneOffset.UTC));
            }
            named.query(String.join(" UNION ALL ", queries), parameters,
                    rs -> {
                        rows.get(rs.getInt("q")).add(new KeyRow(rs.getString("case_id"), rs.getInt("revision")));
                    });
        }
        return rows;
    }

    private static List<List<KeyRow>> emptyAnswers(int size) {
        List<List<KeyRow>> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            rows.add(new ArrayList<>());
        }
        return rows;
    }

    /**
     * The case's profile, kept for its revision; null when its facts cannot be read (a case stored before the record
     * limits, too big for the JSON limits): such a case is no candidate — it must not fail every decision that meets
     * it. Kept as unreadable for its revision, so that it is read and warned about once.
     */
    private CaseProfile keep(String caseId, int revision, String facts) {
        CaseFacts read;
        try {
            read = read(facts);
        } catch (IllegalStateException e) {
            log.warn("dedup: case {} (revision {}) is skipped as a candidate: its facts ({} characters) cannot be read: {}",
                    caseId, revision, facts.length(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            read = null;
        }
        CaseProfile profile = read == null ? null : rule.profile(read);
        profiles.put(caseId, new Kept(revision, profile));
        return profile;
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

    /** A blocking key of a case, with the case's report time and current revision. */
    public record KeyWrite(String blockKey, String caseId, OffsetDateTime reportedAt, int revision) {
    }

    /**
     * Deletes the key rows of these cases (one batched statement): a case written again gets its keys anew, so that
     * a key row always carries its case's current revision and a case merged away (no keys) is found by none.
     */
    public void deleteKeys(Collection<String> caseIds) {
        if (!caseIds.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM dedup_key WHERE case_id = ?", caseIds.stream().map(id -> new Object[] {id}).toList());
        }
    }

    /** The key rows of a case as stored (the re-seal job renames the hashes in them). */
    public List<KeyWrite> keysOf(String caseId) {
        return jdbc.query("SELECT block_key, case_id, reported_at, revision FROM dedup_key WHERE case_id = ?",
                (rs, n) -> new KeyWrite(rs.getString("block_key"), rs.getString("case_id"),
                        rs.getObject("reported_at", OffsetDateTime.class), rs.getInt("revision")), caseId);
    }

    /**
     * Drops the profile kept of a case whose facts were rewritten without a new revision (its hashes moved to the
     * current hash key): it is read again when next found.
     */
    public void forget(String caseId) {
        profiles.invalidate(caseId);
    }

    /** A case's profile as an index transaction wrote its revision. */
    public record Profiled(String caseId, int revision, CaseProfile profile) {
    }

    /**
     * Keeps the profiles of the cases an index transaction wrote, once it has committed: the next records' candidates
     * are mostly the cases written just before (a live feed; a back-fill or re-index in time order), and each was
     * otherwise read back from the index and cut again the first time a decision found it. Not before the commit: a
     * transaction rolled back and stored again may give the revision other facts.
     */
    public void keepWhenCommitted(Collection<Profiled> written) {
        if (!written.isEmpty()) {
            List<Profiled> kept = List.copyOf(written);
            AfterCommit.run(() -> kept.forEach(p -> profiles.put(p.caseId(), new Kept(p.revision(), p.profile()))));
        }
    }

    /** One batched statement for the key rows of an index transaction. */
    public void insertKeys(Collection<KeyWrite> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO dedup_key (block_key, case_id, reported_at, revision) VALUES (?, ?, ?, ?)",
                    rows.stream().map(r -> new Object[] {r.blockKey(), r.caseId(), r.reportedAt(), r.revision()}).toList());
        }
    }
}
