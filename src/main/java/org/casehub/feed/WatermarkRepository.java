package org.casehub.feed;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The watermarks of pulled feeds, kept in the index database so that they survive a restart. */
@Repository
public class WatermarkRepository {

    private final JdbcTemplate jdbc;

    public WatermarkRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Watermark> load(String feed) {
        return jdbc.query("SELECT position_time, position_id FROM feed_watermark WHERE feed = ?",
                (rs, n) -> new Watermark(rs.getObject("position_time", LocalDateTime.class), rs.getString("position_id")),
                feed).stream().findFirst();
    }

    /** Standard MERGE: H2 has no ON CONFLICT, PostgreSQL 15 has MERGE. */
    public void save(String feed, Watermark watermark) {
        jdbc.update("MERGE INTO feed_watermark w"
                        + " USING (SELECT CAST(? AS VARCHAR(64)) AS feed, CAST(? AS TIMESTAMP) AS position_time,"
                        + " CAST(? AS VARCHAR(128)) AS position_id, CAST(? AS TIMESTAMP WITH TIME ZONE) AS updated_at) v"
                        + " ON w.feed = v.feed"
                        + " WHEN MATCHED THEN UPDATE SET position_time = v.position_time, position_id = v.position_id,"
                        + " updated_at = v.updated_at"
                        + " WHEN NOT MATCHED THEN INSERT (feed, position_time, position_id, updated_at)"
                        + " VALUES (v.feed, v.position_time, v.position_id, v.updated_at)",
                feed, watermark.time(), watermark.recordId(), OffsetDateTime.now(ZoneOffset.UTC));
    }
}
