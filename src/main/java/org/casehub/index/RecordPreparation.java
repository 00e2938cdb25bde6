package org.casehub.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.FeedRecord;
import org.casehub.dedup.CaseFacts;
import org.casehub.dedup.CaseProfile;
import org.casehub.dedup.DedupProperties;
import org.casehub.dedup.DuplicateRule;
import org.casehub.security.PiiCipher;
import org.springframework.stereotype.Component;

/**
 * The index's work on a record that depends on the record alone — its dedup facts and profile (the matter's text
 * features), its original bytes sealed, its position and canonical case as JSON — done on the normalising threads
 * (routes/pipeline.camel.yaml's split), side by side, so that the batch's serial store, which holds the feed's
 * thread and a database transaction, only decides and writes. A record that did not pass the split (a replay, a
 * test) is prepared by the store itself, the same way.
 */
@Component("storePreparation")
public class RecordPreparation {

    private final DuplicateRule rule;
    private final DedupProperties dedup;
    private final PiiCipher cipher;
    private final ObjectMapper json;

    public RecordPreparation(DuplicateRule rule, DedupProperties dedup, PiiCipher cipher, ObjectMapper json) {
        this.rule = rule;
        this.dedup = dedup;
        this.cipher = cipher;
        this.json = json;
    }

    /**
     * What the store uses of one record.
     *
     * @param canonical the canonical case these were computed from (a record mapped again is prepared again)
     * @param facts     what the rule compares of the record, as its case keeps it
     * @param matching  the facts it is decided with: with its persons also under the previous hash key while hashes move
     * @param profile   the rule's profile of {@code matching}, or null when dedup is off
     */
    record Prepared(JsonNode canonical, CaseFacts facts, CaseFacts matching, CaseProfile profile, byte[] sealedRaw,
                    String keyId, String positionJson, String canonicalJson) {
    }

    /** The pipeline's step after normalising: a record that cannot be stored (rejected) needs nothing. */
    public void prepare(FeedRecord record) {
        if (!record.rejected()) {
            record.preparedForStore(compute(record));
        }
    }

    /** What was prepared for the record, or computed now if nothing was (or it was mapped again since). */
    Prepared of(FeedRecord record) {
        Prepared prepared = record.preparedForStore(Prepared.class);
        return prepared != null && prepared.canonical() == record.canonical() ? prepared : compute(record);
    }

    private Prepared compute(FeedRecord record) {
        CaseFacts facts = CaseFacts.of(record.canonical(), record.receivedAt());
        CaseFacts matching = facts.alsoUnder(record.previousHashes(), record.canonical());
        return new Prepared(record.canonical(), facts, matching, dedup.enabled() ? rule.profile(matching) : null,
                cipher.seal(record.raw()), cipher.currentKeyId(), write(record.position()), write(record.canonical()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
