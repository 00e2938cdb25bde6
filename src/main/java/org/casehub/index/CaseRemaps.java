package org.casehub.index;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.FeedRecord;
import org.casehub.index.CaseState.Source;
import org.casehub.publish.CaseEvents;
import org.casehub.security.PiiCipher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A stored source record mapped again with the code lists and mappings running now (an operator's re-map once an
 * unmapped code was added): its stored bytes come back as a {@link FeedRecord}, and what the pipeline's steps made of
 * it replaces the record's content in its case. A case whose content changed gets a new revision and an
 * {@code updated} event from {@code /casehub/operators}, in one transaction with the record's unmapped-code rows; a
 * record that maps as before changes nothing.
 */
@Component
public class CaseRemaps {

    private static final String OPERATORS = "operators";
    private static final TypeReference<Map<String, Object>> POSITION = new TypeReference<>() { };

    private final CaseRepository cases;
    private final TransactionTemplate transactions;
    private final CaseStates states;
    private final PiiCipher cipher;
    private final UnmappedCodes unmapped;
    private final ObjectMapper json;

    public CaseRemaps(CaseRepository cases, PlatformTransactionManager transactionManager, CaseStates states,
                      PiiCipher cipher, UnmappedCodes unmapped, ObjectMapper json) {
        this.cases = cases;
        this.transactions = new TransactionTemplate(transactionManager);
        this.states = states;
        this.cipher = cipher;
        this.unmapped = unmapped;
        this.json = json;
    }

    /** The stored record as its feed delivered it (bytes, position, time received); empty when the index lost it. */
    public Optional<FeedRecord> stored(String feed, String recordId) {
        return cases.storedSource(feed, recordId).map(stored -> new FeedRecord(feed, cipher.open(stored.payloadSealed()),
                position(stored.position()), stored.receivedAt().toInstant()));
    }

    private Map<String, Object> position(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, POSITION);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored position", e);
        }
    }

    /**
     * Puts the record's new content in its case. @return true when the case changed (and an event was published)
     */
    public boolean apply(FeedRecord remapped) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            String caseId = cases.caseOfRecord(remapped.feed(), remapped.recordId());
            CaseState state = states.lockAndLoad(List.of(caseId)).get(caseId);
            Optional<Source> found = state.source(remapped.identity());
            if (found.isEmpty() || found.get().version() != remapped.sourceVersion()) {
                // moved to another case, or a newer version came meanwhile: that one was mapped with the lists running now
                return false;
            }
            Source before = found.get();
            JsonNode after = states.read(states.write(remapped.canonical()));
            unmapped.replaceRecords(List.of(remapped));
            if (after.equals(before.canonical())) {
                return false;
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            state.put(new Source(before.feed(), before.recordId(), before.version(), before.receivedAt(), after));
            IndexWrites writes = states.writes();
            if (state.mergedInto == null) {
                state.facts = CaseDecisions.factsOf(state);
                states.publish(writes, state, CaseEvents.UPDATED, OPERATORS, now);
            }
            writes.write();
            cases.updateCanonical(remapped.feed(), remapped.recordId(), states.write(after));
            return state.mergedInto == null;
        }));
    }
}
