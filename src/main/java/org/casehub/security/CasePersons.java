package org.casehub.security;

import java.util.List;
import java.util.Optional;

/**
 * Where the persons of a case are kept (the index's case tables, which implement this): the case as stored, read
 * through the caller's scope, and its persons sealed. Security names no table of the index.
 */
public interface CasePersons {

    /** A person of a case as stored: its values sealed (AES-GCM), any of them null. */
    record SealedPerson(String role, byte[] name, byte[] idNumber, byte[] phone) {
    }

    /** The stored case JSON (persons masked), when the case lies in the scope (on {@code c.division_code}). */
    Optional<String> caseJson(ScopeRestriction scope, String caseId);

    /** The case's persons, in the order of its source records. */
    List<SealedPerson> sealedPersons(String caseId);
}
