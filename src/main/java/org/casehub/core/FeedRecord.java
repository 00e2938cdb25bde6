package org.casehub.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One source record on its way through the pipeline: its original bytes and where it came from,
 * then what each step adds. A step that cannot use the record throws {@link RecordRejectedException};
 * the record then carries the rejection to the index, which quarantines it.
 */
public final class FeedRecord {

    private final String feed;
    private final byte[] raw;
    private final Map<String, Object> position;
    private final Instant receivedAt;

    private String recordId;
    private Long sourceVersion;
    private JsonNode source;
    private ObjectNode canonical;
    private List<SealedPerson> persons = List.of();
    private List<PersonHashes> previousHashes = List.of();
    private RecordRejectedException rejection;
    private Long replayOf;
    private Object preparedForStore;

    public FeedRecord(String feed, byte[] raw, Map<String, Object> position, Instant receivedAt) {
        this.feed = feed;
        this.raw = raw;
        this.position = position;
        this.receivedAt = receivedAt;
    }

    public String feed() { return feed; }
    public byte[] raw() { return raw; }
    public Map<String, Object> position() { return position; }
    public Instant receivedAt() { return receivedAt; }
    public String recordId() { return recordId; }
    public Long sourceVersion() { return sourceVersion; }
    public JsonNode source() { return source; }
    public ObjectNode canonical() { return canonical; }
    public List<SealedPerson> persons() { return persons; }
    /**
     * The persons' hashes under the previous hash key or suite, in the order of the canonical persons, while the stored
     * hashes are being moved (else empty): the record is matched under both.
     */
    public List<PersonHashes> previousHashes() { return previousHashes; }
    public RecordRejectedException rejection() { return rejection; }
    public boolean rejected() { return rejection != null; }
    /** The quarantine row this record is replayed from, or null for a record fresh from its source. */
    public Long replayOf() { return replayOf; }

    /** {@code <feed>:<source record id>} */
    public String identity() {
        return feed + ":" + recordId;
    }

    /** {@code <feed>:<source record id>:<source version>} */
    public String idempotencyKey() {
        return identity() + ":" + sourceVersion;
    }

    /** @param sourceVersion null when the source gave none (such a record can only be quarantined) */
    public void identified(String recordId, Long sourceVersion) {
        this.recordId = recordId;
        this.sourceVersion = sourceVersion;
    }

    public void parsed(JsonNode source) {
        this.source = source;
    }

    public void mapped(ObjectNode canonical) {
        this.canonical = canonical;
    }

    public void protectedPersons(List<SealedPerson> persons, List<PersonHashes> previousHashes) {
        this.persons = List.copyOf(persons);
        this.previousHashes = List.copyOf(previousHashes);
    }

    /** The record of a quarantine row, read back to go through the pipeline again. */
    public static FeedRecord replay(long quarantineId, String feed, byte[] raw, Map<String, Object> position,
                                    Instant receivedAt) {
        FeedRecord record = new FeedRecord(feed, raw, position, receivedAt);
        record.replayOf = quarantineId;
        return record;
    }

    /**
     * Keeps what the index computed from this record alone ahead of its transaction, on the normalising threads, so
     * that the serial store does not compute it (its type is the index's: this package does not know it).
     */
    public void preparedForStore(Object work) {
        this.preparedForStore = work;
    }

    /** What {@link #preparedForStore(Object)} kept, if it is of this type; else null. */
    public <T> T preparedForStore(Class<T> type) {
        return type.isInstance(preparedForStore) ? type.cast(preparedForStore) : null;
    }

    public void reject(RecordRejectedException rejection) {
        this.rejection = rejection;
    }

    /** A person's data sealed for storage, and the keyed hashes for matching. */
    public record SealedPerson(String role, byte[] name, byte[] idNumber, byte[] phone, String keyId,
                               String nameHash, String idNumberHash, String phoneHash) {
    }
}
