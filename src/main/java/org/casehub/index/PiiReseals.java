package org.casehub.index;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.casehub.core.PersonHashes;
import org.casehub.dedup.DedupRepository;
import org.casehub.dedup.DedupRepository.KeyWrite;
import org.casehub.index.CaseRepository.CaseDocuments;
import org.casehub.index.CaseRepository.StoredPayload;
import org.casehub.index.CaseRepository.StoredPerson;
import org.casehub.security.KeyedHasher;
import org.casehub.security.PiiCipher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves one case's stored personal data to the current key and cipher suite, and — while the hash key or suite is
 * being changed ({@link KeyedHasher#previous()}) — its matching hashes to the current ones, in one transaction that
 * locks the case as the index transaction does. The hashes are recomputed from the persons' opened values, and every
 * stored hash so replaced is renamed wherever the case stores it: its persons' rows, its source records' mapped
 * content, the case as shown, the dedup rule's facts of it and its blocking keys ({@code id:<hash>},
 * {@code phone:<hash>}). A hash is 64 hex characters, so a rename cannot touch anything else. The case keeps its
 * revision and no event is sent: its content did not change, only how it is protected; the events already published
 * (and {@code case_event}) keep the hashes of their time.
 */
@Component
public class PiiReseals {

    private final CaseRepository cases;
    private final DedupRepository dedup;
    private final PiiCipher cipher;
    private final KeyedHasher hasher;
    private final TransactionTemplate transactions;

    public PiiReseals(CaseRepository cases, DedupRepository dedup, PiiCipher cipher, KeyedHasher hasher,
                      PlatformTransactionManager transactionManager) {
        this.cases = cases;
        this.dedup = dedup;
        this.cipher = cipher;
        this.hasher = hasher;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Up to {@code limit} case ids after {@code after} (null: from the first), in id order. */
    public List<String> caseIdsAfter(String after, int limit) {
        return cases.caseIdsAfter(after, limit);
    }

    public int countCases() {
        return cases.countCases();
    }

    /** Whether the stored hashes are being moved: only then are they recomputed. */
    public boolean movingHashes() {
        return hasher.previous() != null;
    }

    /** Moves the case; whether any of its rows changed. */
    public boolean reseal(String caseId) {
        return Boolean.TRUE.equals(transactions.execute(status -> resealOnce(caseId)));
    }

    private boolean resealOnce(String caseId) {
        Optional<CaseDocuments> documents = cases.lockDocuments(caseId);
        if (documents.isEmpty()) {
            return false;
        }
        String key = cipher.currentKeyId();
        Map<String, String> renamed = new LinkedHashMap<>();
        boolean changed = false;
        for (StoredPerson person : cases.storedPersons(caseId)) {
            StoredPerson moved = moved(person, key, renamed);
            if (moved != person) {
                cases.rewritePerson(moved);
                changed = true;
            }
        }
        for (StoredPayload payload : cases.storedPayloads(caseId)) {
            boolean rekey = !key.equals(payload.keyId());
            String canonical = rename(payload.canonicalJson(), renamed);
            if (rekey || !canonical.equals(payload.canonicalJson())) {
                cases.rewritePayload(new StoredPayload(payload.feed(), payload.recordId(),
                        rekey ? cipher.seal(cipher.open(payload.payloadSealed())) : payload.payloadSealed(), key, canonical));
                changed = true;
            }
        }
        if (!renamed.isEmpty()) {
            CaseDocuments before = documents.get();
            cases.rewriteDocuments(caseId, new CaseDocuments(rename(before.caseJson(), renamed),
                    rename(before.dedupFacts(), renamed)));
            Set<KeyWrite> keys = new LinkedHashSet<>();
            for (KeyWrite row : dedup.keysOf(caseId)) {
                keys.add(new KeyWrite(rename(row.blockKey(), renamed), row.caseId(), row.reportedAt(), row.revision()));
            }
            dedup.deleteKeys(List.of(caseId));
            dedup.insertKeys(keys);
            dedup.forget(caseId);
            changed = true;
        }
        return changed;
    }

    /** The person under the current key and hashes, or the same row when it is moved already. */
    private StoredPerson moved(StoredPerson person, String key, Map<String, String> renamed) {
        boolean rekey = !key.equals(person.keyId());
        if (!rekey && !movingHashes()) {
            return person;
        }
        String name = cipher.openText(person.nameSealed());
        String idNumber = cipher.openText(person.idSealed());
        String phone = cipher.openText(person.phoneSealed());
        String idHash = person.idHash();
        String phoneHash = person.phoneHash();
        String nameHash = person.nameHash();
        if (movingHashes()) {
            PersonHashes now = hasher.person(name, idNumber, phone);
            idHash = moved(idHash, now.idNumber(), renamed);
            phoneHash = moved(phoneHash, now.phone(), renamed);
            nameHash = moved(nameHash, now.name(), renamed);
        }
        if (!rekey && Objects.equals(idHash, person.idHash()) && Objects.equals(phoneHash, person.phoneHash())
                && Objects.equals(nameHash, person.nameHash())) {
            return person;
        }
        return new StoredPerson(person.feed(), person.recordId(), person.ordinal(),
                rekey ? cipher.sealText(name) : person.nameSealed(), rekey ? cipher.sealText(idNumber) : person.idSealed(),
                rekey ? cipher.sealText(phone) : person.phoneSealed(), key, idHash, phoneHash, nameHash);
    }

    /** The hash now, noting the rename of the stored one; a value stored without a hash stays without. */
    private static String moved(String stored, String now, Map<String, String> renamed) {
        if (stored == null || now == null) {
            return stored;
        }
        if (!stored.equals(now)) {
            renamed.put(stored, now);
        }
        return now;
    }

    private static String rename(String text, Map<String, String> renamed) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, String> hash : renamed.entrySet()) {
            result = result.replace(hash.getKey(), hash.getValue());
        }
        return result;
    }
}
