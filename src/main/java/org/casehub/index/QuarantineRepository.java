package org.casehub.index;

import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.feed.FeedRecord;
import org.casehub.feed.RecordRejectedException;
import org.casehub.security.PiiCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Records that could not be used, kept with every reason, their original bytes (sealed) and source position. */
@Repository
public class QuarantineRepository {

    private static final Logger log = LoggerFactory.getLogger(QuarantineRepository.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PiiCipher cipher;

    public QuarantineRepository(JdbcTemplate jdbc, ObjectMapper json, PiiCipher cipher) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
    }

    /** Called inside the index's transaction, so the record is quarantined exactly when its batch commits. */
    StoreOutcome add(FeedRecord record) {
        RecordRejectedException rejection = record.rejection();
        try {
            jdbc.update("INSERT INTO quarantine (feed, record_id, source_version, stage, reasons, payload_sealed, key_id,"
                            + " position, received_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')",
                    record.feed(), record.recordId(), record.sourceVersion(), rejection.stage(),
                    json.writeValueAsString(rejection.reasons()), cipher.seal(record.raw()), cipher.currentKeyId(),
                    json.writeValueAsString(record.position()), record.receivedAt().atOffset(ZoneOffset.UTC));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write quarantine reasons", e);
        }
        log.warn("quarantined a record of feed {} at {} ({}): {}", record.feed(), record.position(), rejection.stage(),
                rejection.reasons());
        return StoreOutcome.QUARANTINED;
    }

    public int count(String feed, String state) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE feed = ? AND state = ?", Integer.class, feed, state);
        return n == null ? 0 : n;
    }

}
