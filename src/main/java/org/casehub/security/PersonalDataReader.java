package org.casehub.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The persons of a case as a client may see them: in the clear, opened from {@code case_person}, for a
 * client with the personal-data flag, each read written to the audit trail before the data is handed out;
 * masked (the case's own masked forms) for any other client, which reads nothing sensitive and is not
 * audited. A case outside the client's scope is not read at all.
 */
@Component
public class PersonalDataReader {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PiiCipher cipher;
    private final AuditTrail audit;

    public PersonalDataReader(JdbcTemplate jdbc, ObjectMapper json, PiiCipher cipher, AuditTrail audit) {
        this.jdbc = jdbc;
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
        ScopeRestriction scope = caller.client().scope().restriction("division_code");
        List<String> caseJson = jdbc.queryForList("SELECT case_json FROM hub_case WHERE case_id = ? AND " + scope.sql(),
                String.class, scope.after(caseId));
        if (caseJson.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(caller.client().personalData() ? opened(caller, caseId) : masked(caseJson.get(0)));
    }

    private List<Person> opened(ClientAuthentication caller, String caseId) {
        List<Person> persons;
        try {
            persons = jdbc.query("SELECT role, name_sealed, id_sealed, phone_sealed FROM case_person WHERE case_id = ?"
                            + " ORDER BY feed, record_id, ordinal",
                    (rs, n) -> new Person(rs.getString("role"), cipher.openText(rs.getBytes("name_sealed")),
                            cipher.openText(rs.getBytes("id_sealed")), cipher.openText(rs.getBytes("phone_sealed")), false),
                    caseId);
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
