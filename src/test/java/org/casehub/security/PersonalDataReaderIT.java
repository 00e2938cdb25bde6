package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.casehub.security.PersonalDataReader.Person;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Persons in the clear only for clients with the personal-data flag, each such read audited; nothing outside scope. */
class PersonalDataReaderIT extends HubTestSupport {

    private static final String NAME = "马斌";
    private static final String ID_NUMBER = "44030419940328607X";
    private static final String PHONE = "17633355261";

    @Autowired
    PersonalDataReader reader;

    @Autowired
    ClientRegistry clients;

    @Autowired
    DivisionScopes scopes;

    @Autowired
    PiiCipher cipher;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String shenshanCase = run + "-ebu";
    private final String nanshanCase = run + "-nanshan";

    @BeforeEach
    void indexACaseInShenshanAndOneInNanshan() {
        index(shenshanCase, "441521103001");
        index(nanshanCase, "440305007012");
    }

    @Test
    void aClientWithThePersonalDataFlagReadsPersonsInTheClearAndTheReadIsAudited() {
        ClientAuthentication caller = caller(clients.authenticate(TestClients.PERSONAL_DATA_KEY).orElseThrow());

        List<Person> persons = reader.persons(caller, shenshanCase).orElseThrow();

        assertThat(persons).containsExactly(new Person("party", NAME, ID_NUMBER, PHONE, false));
        Map<String, Object> row = jdbc.queryForMap("SELECT client_id, action, target, outcome, detail FROM audit_log"
                + " WHERE request_id = ?", caller.origin().requestId());
        assertThat(row.values()).containsExactly("it-personal-data", "personal-data.read", shenshanCase, "success",
                "1 person(s)");
    }

    @Test
    void aClientWithoutTheFlagGetsTheMaskedFormsAndNothingIsAudited() {
        Client withoutFlag = new Client("it-masked", "IT 深汕 reader", Set.of(Role.READER),
                scopes.resolve("4403SS"), false);
        ClientAuthentication caller = caller(withoutFlag);

        List<Person> persons = reader.persons(caller, shenshanCase).orElseThrow();

        assertThat(persons).containsExactly(new Person("party", "马*", "440304********607X", "176****5261", true));
        assertThat(auditRowsOf(caller)).isZero();
    }

    @Test
    void aCaseOutsideTheScopeIsNotReadAtAllWhateverTheFlag() {
        ClientAuthentication caller = caller(clients.authenticate(TestClients.PERSONAL_DATA_KEY).orElseThrow());

        assertThat(reader.persons(caller, nanshanCase)).isEmpty();
        assertThat(reader.persons(caller, run + "-no-such-case")).isEmpty();
        assertThat(auditRowsOf(caller)).isZero();
    }

    private ClientAuthentication caller(Client client) {
        return new ClientAuthentication(client, new RequestOrigin(UUID.randomUUID().toString(), "192.0.2.1"));
    }

    private int auditRowsOf(ClientAuthentication caller) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE request_id = ?", Integer.class,
                caller.origin().requestId());
    }

    /** A case with one party, stored as the pipeline stores it: masked in the case, sealed in case_person. */
    private void index(String caseId, String division) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String caseJson = """
                {"caseId": "%s", "persons": [{"role": "party", "name": "马*", "idNumber": "440304********607X", \
                "phone": "176****5261"}]}""".formatted(caseId);
        jdbc.update("INSERT INTO hub_case (case_id, revision, status, category, channel, division_code, law_related,"
                        + " group_case, manual_routing, case_json, created_at, updated_at)"
                        + " VALUES (?, 1, 'received', 'other', 'grid', ?, FALSE, FALSE, FALSE, ?, ?, ?)",
                caseId, division, caseJson, now, now);
        jdbc.update("INSERT INTO case_person (feed, record_id, ordinal, case_id, role, name_sealed, id_sealed, phone_sealed,"
                        + " key_id) VALUES ('public-safety', ?, 0, ?, 'party', ?, ?, ?, ?)",
                caseId, caseId, cipher.sealText(NAME), cipher.sealText(ID_NUMBER), cipher.sealText(PHONE),
                cipher.currentKeyId());
    }
}
