package org.casehub.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * The persons of a case as a client may see them: in the clear, opened from their sealed values, for a
 * client with the personal-data flag, each read written to the audit trail before the data is handed out;
 * masked (the case's own masked forms) for any other client, which reads nothing sensitive and is not
 * audited. A case outside the client's scope is not read at all.
 */
@Component
public class PersonalDataReader {

    private final CasePersons cases;
    private final ObjectMapper json;
    private final PiiCipher cipher;
    private final AuditTrail audit;

    public PersonalDataReader(CasePersons cases, ObjectMapper json, PiiCipher cipher, AuditTrail audit) {
        this.cases = cases;
        this.json = json;
        this.cipher = cipher;
        this.audit = audit;
    }

    /**
     * A person of a case.
     *
     * @param role     the person's role in the case (petitioner, party…)
     * @param name     the name, masked unless {@code masked} is false
     * @param idNumber the resident ID number, likewise
     * @param phone    the phone, likewise
     * @param masked   whether the values are masked
     */
    public record Person(String role, String name, String idNumber, String phone, boolean masked) {
    }

    /**
     * @return the persons, or empty when no case of that id lies in the caller's scope
     */
    public Optional<List<Person>> persons(ClientAuthentication caller, String caseId) {
        ScopeRestriction scope = caller.client().scope().restriction("c.division_code");
        return cases.caseJson(scope, caseId)
                .map(caseJson -> caller.client().personalData() ? opened(caller, caseId) : masked(caseJson));
    }

    private List<Person> opened(ClientAuthentication caller, String caseId) {
        List<Person> persons;
        try {
            persons = cases.sealedPersons(caseId).stream().map(p -> new Person(p.role(), cipher.openText(p.name()),
                    cipher.openText(p.idNumber()), cipher.openText(p.phone()), false)).toList();
        } catch (RuntimeException e) {
            audit.record(AuditEntry.of(caller, AuditTrail.PERSONAL_DATA_READ, caseId, AuditOutcome.FAILED,
                    e.getClass().getSimpleName()));
            throw e;
        }
        audit.record(AuditEntry.of(caller, AuditTrail.PERSONAL_DATA_READ, caseId, AuditOutcome.SUCCESS,
                persons.size() + " person(s)"));
        return persons;
    }

    private List<Person> masked(String caseJson) {
        List<Person> persons = new ArrayList<>();
        for (JsonNode person : read(caseJson).path("persons")) {
            persons.add(new Person(person.path("role").asText(null), person.path("name").asText(null),
                    person.path("idNumber").asText(null), person.path("phone").asText(null), true));
        }
        return persons;
    }

    private JsonNode read(String caseJson) {
        try {
            return json.readTree(caseJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored case is not JSON", e);
        }
    }
}
