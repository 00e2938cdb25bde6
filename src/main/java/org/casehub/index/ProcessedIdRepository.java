package org.casehub.index;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casehub.core.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of the table {@code processed_id}: the idempotency keys ({@code <feed>:<record id>:<version>})
 * already applied, which the index transaction reads up front and adds to, and the retention purge deletes.
 */
@Repository
public class ProcessedIdRepository {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public ProcessedIdRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** A key applied by an index transaction, with the case it went to and its outcome. */
    public record Processed(String idempotencyKey, String caseId, String outcome, OffsetDateTime processedAt) {
    }

    /** Those of the keys (at most a chunk of an IN list) already applied. */
    Set<String> applied(List<String> keys) {
        return new HashSet<>(named.queryForList("SELECT idempotency_key FROM processed_id WHERE idempotency_key IN (:keys)",
                Map.of("keys", keys), String.class));
    }

    /** One batched statement for the keys of an index transaction. */
    void insert(Collection<Processed> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO processed_id (idempotency_key, case_id, outcome, processed_at) VALUES (?, ?, ?, ?)",
                    rows.stream().map(r -> new Object[] {r.idempotencyKey(), r.caseId(), r.outcome(), r.processedAt()})
                            .toList());
        }
    }

    /** The versions of one source record applied (until the retention purge), in the order they were. */
    public List<Processed> versionsOf(String feed, String recordId) {
        String prefix = (feed + ":" + recordId + ":").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.query("SELECT idempotency_key, case_id, outcome, processed_at FROM processed_id"
                        + " WHERE idempotency_key LIKE ? ESCAPE '\\' ORDER BY processed_at, idempotency_key",
                (rs, n) -> new Processed(rs.getString(1), rs.getString(2), rs.getString(3), SqlWhere.utc(rs, "processed_at")),
                prefix + "%");
    }

    /** Deletes at most {@code limit} keys applied before {@code cutoff}; returns how many. */
    public int deleteProcessedBefore(OffsetDateTime cutoff, int limit) {
        return jdbc.update("DELETE FROM processed_id WHERE idempotency_key IN (SELECT idempotency_key FROM processed_id"
                + " WHERE processed_at < ? FETCH FIRST " + limit + " ROWS ONLY)", cutoff);
    }
}
