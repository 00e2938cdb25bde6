package org.casehub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.FeedRecord.SealedPerson;
import org.casehub.security.KeyedHasher;
import org.casehub.security.PiiCipher;
import org.casehub.security.PiiKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonProtectorTest {

    private static final String HEX64 = "[0-9a-f]{64}";

    @TempDir
    Path keyDirectory;

    private PiiCipher cipher;
    private KeyedHasher hasher;
    private PersonProtector protector;

    @BeforeEach
    void keys() {
        PiiKeys keys = Samples.generatedKeys(keyDirectory);
        cipher = new PiiCipher(keys);
        hasher = new KeyedHasher(keys);
        protector = new PersonProtector(cipher, hasher);
    }

    /** Sample 3: a party with ID number and phone, and the reporting grid worker. */
    private FeedRecord protectedSample(int index) {
        return Samples.normalized(Samples.PUBLIC_SAFETY.get(index), protector);
    }

    private FeedRecord protectedPersons(String personsJson) {
        FeedRecord record = Samples.received("{}");
        ObjectNode canonical = Samples.JSON.createObjectNode();
        canonical.set("persons", Samples.tree(personsJson));
        record.mapped(canonical);
        protector.protect(record);
        return record;
    }

    @Test
    void caseKeepsOnlyMaskedFormsAndHashesOfItsPersons() {
        FeedRecord record = protectedSample(2);

        assertThat(record.canonical().path("persons")).isEqualTo(Samples.tree("""
                [{"role": "party", "name": "马*", "nameHash": "%s",
                  "idNumber": "440304********607X", "idNumberHash": "%s", "idNumberValid": true,
                  "phone": "176****5261", "phoneHash": "%s", "phoneValid": true},
                 {"role": "reporter", "name": "肖**", "nameHash": "%s"}]
                """.formatted(hasher.name("马斌"), hasher.idNumber("44030419940328607X"), hasher.phone("17633355261"),
                hasher.name("肖军艳"))));
        assertThat(record.canonical().findValuesAsText("nameHash")).allMatch(h -> h.matches(HEX64));
    }

    @Test
    void idNumbersAndPhonesWrittenIntoTheFreeTextAreMasked() {
        FeedRecord record = Samples.received("{}");
        ObjectNode canonical = Samples.JSON.createObjectNode();
        canonical.putArray("persons");
        canonical.put("title", "电话13812341234");
        canonical.put("description", "身份证44030419940328607X,电话 17633355261");
        canonical.putObject("location").put("address", "翠竹路133号 13812341234");
        record.mapped(canonical);

        protector.protect(record);

        assertThat(record.canonical().path("title").asText()).isEqualTo("电话138****1234");
        assertThat(record.canonical().path("description").asText()).isEqualTo("身份证440304********607X,电话 176****5261");
        assertThat(record.canonical().path("location").path("address").asText()).isEqualTo("翠竹路133号 138****1234");
    }

    @Test
    void sealedPersonsOpenBackToTheOriginals() {
        FeedRecord record = protectedSample(2);

        List<SealedPerson> persons = record.persons();

        assertThat(persons).hasSize(2);
        SealedPerson party = persons.get(0);
        assertThat(party.role()).isEqualTo("party");
        assertThat(cipher.openText(party.name())).isEqualTo("马斌");
        assertThat(cipher.openText(party.idNumber())).isEqualTo("44030419940328607X");
        assertThat(cipher.openText(party.phone())).isEqualTo("17633355261");
        assertThat(party.keyId()).isEqualTo(cipher.currentKeyId());
        assertThat(party.idNumberHash()).isEqualTo(hasher.idNumber("44030419940328607X"));
        assertThat(party.phoneHash()).isEqualTo(hasher.phone("17633355261"));
        assertThat(party.nameHash()).isEqualTo(hasher.name("马斌"));

        SealedPerson reporter = persons.get(1);
        assertThat(reporter.role()).isEqualTo("reporter");
        assertThat(cipher.openText(reporter.name())).isEqualTo("肖军艳");
        assertThat(reporter.idNumber()).isNull();
        assertThat(reporter.phone()).isNull();
        assertThat(reporter.idNumberHash()).isNull();
        assertThat(reporter.phoneHash()).isNull();
    }

    @Test
    void noRawIdNumberPhoneOrPersonsNameRemainsAnywhereInTheCase() {
        for (String line : Samples.PUBLIC_SAFETY) {
            JsonNode source = Samples.tree(line);
            String canonical = Samples.normalized(line, protector).canonical().toString();
            for (JsonNode party : source.path("parties")) {
                assertThat(canonical).as(line)
                        .doesNotContain(party.path("name").asText())
                        .doesNotContain(party.path("phone").asText("\u0000"))
                        .doesNotContain(party.path("idCard").asText("\u0000"));
            }
            assertThat(canonical).as(line).doesNotContain("\"" + source.at("/reporter/name").asText() + "\"");
        }
    }

    @Test
    void differentlyWrittenIdAndPhoneOfOnePersonHashAlikeAcrossRecords() {
        JsonNode one = protectedPersons("[{\"role\": \"party\", \"idNumber\": \"44030419940328607X\","
                + " \"phone\": \"17633355261\"}]").canonical().at("/persons/0");
        JsonNode other = protectedPersons("[{\"role\": \"party\", \"idNumber\": \" 44030419940328607x \","
                + " \"phone\": \"+86 176-3335-5261\"}]").canonical().at("/persons/0");

        assertThat(other.path("idNumberHash")).isEqualTo(one.path("idNumberHash"));
        assertThat(other.path("phoneHash")).isEqualTo(one.path("phoneHash"));
    }

    @Test
    void idNumberFailingItsChecksumIsFlaggedInvalid() {
        JsonNode person = protectedPersons("[{\"role\": \"party\", \"idNumber\": \"440304199403286071\"}]")
                .canonical().at("/persons/0");

        assertThat(person.path("idNumberValid").isBoolean()).isTrue();
        assertThat(person.path("idNumberValid").asBoolean()).isFalse();
        assertThat(person.path("idNumber").asText()).isEqualTo("440304********6071");
    }

    @Test
    void blankAndNullFieldsAreLeftOut() {
        FeedRecord record = protectedPersons("[{\"role\": \"party\", \"name\": \"  \", \"idNumber\": null,"
                + " \"phone\": \"\"}]");

        assertThat(record.canonical().path("persons")).isEqualTo(Samples.tree("[{\"role\": \"party\"}]"));
        assertThat(record.persons()).singleElement().satisfies(p -> {
            assertThat(p.name()).isNull();
            assertThat(p.idNumber()).isNull();
            assertThat(p.phone()).isNull();
        });
    }

    @Test
    void valuesWithNothingToHashLeaveNoNullHashInTheCase() {
        // Sources write 无 or - for "no phone"; a null hash would fail the case schema and quarantine the record.
        FeedRecord record = protectedPersons("[{\"role\": \"party\", \"name\": \"·\", \"phone\": \"无\"}]");

        JsonNode person = record.canonical().at("/persons/0");
        assertThat(person.has("phoneHash")).isFalse();
        assertThat(person.has("nameHash")).isFalse();
        assertThat(person.path("phone").asText()).isEqualTo("*");
        assertThat(cipher.openText(record.persons().get(0).phone())).isEqualTo("无");
    }

    @Test
    void caseWithoutPersonsGetsAnEmptyList() {
        FeedRecord record = Samples.received("{}");
        record.mapped(Samples.JSON.createObjectNode().put("title", "t"));

        protector.protect(record);

        assertThat(record.canonical().path("persons").isArray()).isTrue();
        assertThat(record.canonical().path("persons")).isEmpty();
        assertThat(record.persons()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"138123412345", "1381234123a", "12812341234"})
    void invalidPhoneIsFlaggedOnThePersonAndNeverMatchedOn(String phone) {
        FeedRecord record = protectedPersons("[{\"role\": \"party\", \"phone\": \"" + phone + "\"}]");

        JsonNode person = record.canonical().at("/persons/0");
        assertThat(person.path("phoneValid").isBoolean()).isTrue();
        assertThat(person.path("phoneValid").asBoolean()).isFalse();
        assertThat(person.has("phoneHash")).isFalse();
        assertThat(record.persons().get(0).phoneHash()).isNull();
        assertThat(person.path("phone").asText()).contains("***").isNotEqualTo(phone);
        assertThat(cipher.openText(record.persons().get(0).phone())).isEqualTo(phone);
    }

    @Test
    void validPhonesWrittenInEveryFormHashAlikeAndMaskAlike() {
        JsonNode plain = protectedPersons("[{\"role\": \"party\", \"phone\": \"13812341234\"}]").canonical().at("/persons/0");
        for (String written : List.of("+86 138 1234 1234", "8613812341234", "１３８１２３４１２３４", "138-1234-1234")) {
            JsonNode person = protectedPersons("[{\"role\": \"party\", \"phone\": \"" + written + "\"}]")
                    .canonical().at("/persons/0");
            assertThat(person.path("phoneHash")).as(written).isEqualTo(plain.path("phoneHash"));
            assertThat(person.path("phoneValid").asBoolean()).isTrue();
            assertThat(person.path("phone").asText()).isEqualTo("138****1234");
        }
    }
}
