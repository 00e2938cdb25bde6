package org.casehub.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.FeedRecord;
import org.casehub.core.FeedRecord.SealedPerson;
import org.casehub.core.PersonHashes;
import org.casehub.security.IdNumbers;
import org.casehub.security.KeyedHasher;
import org.casehub.security.Masking;
import org.casehub.security.Phones;
import org.casehub.security.Phones.Phone;
import org.casehub.security.PiiCipher;
import org.springframework.stereotype.Component;

/**
 * Takes the persons' full data out of the mapped case: it is sealed for storage apart from the case,
 * and the case keeps only masked forms and keyed hashes (for matching the same person across feeds). A phone that is
 * not a valid number ({@link Phones}) is kept and flagged ({@code phoneValid: false}), never matched on: it costs the
 * record nothing, but a typo'd number must not join two strangers' cases. While stored hashes are moved to a new hash
 * key or suite, the persons are hashed under the previous one too, for matching only ({@link FeedRecord#previousHashes}).
 */
@Component("personProtector")
public class PersonProtector {

    private final PiiCipher cipher;
    private final KeyedHasher hasher;

    public PersonProtector(PiiCipher cipher, KeyedHasher hasher) {
        this.cipher = cipher;
        this.hasher = hasher;
    }

    public void protect(FeedRecord record) {
        JsonNode persons = record.canonical().path("persons");
        List<SealedPerson> sealed = new ArrayList<>();
        List<PersonHashes> previousHashes = new ArrayList<>();
        KeyedHasher previous = hasher.previous();
        ArrayNode masked = record.canonical().arrayNode();
        for (JsonNode person : persons) {
            String role = person.path("role").asText();
            String name = text(person, "name");
            String idNumber = text(person, "idNumber");
            String phone = text(person, "phone");
            Phone parsed = Phones.parse(phone);
            PersonHashes hashes = hasher.person(name, idNumber, parsed);
            String nameHash = hashes.name();
            String idNumberHash = hashes.idNumber();
            String phoneHash = hashes.phone();
            sealed.add(new SealedPerson(role, cipher.sealText(name), cipher.sealText(idNumber), cipher.sealText(phone),
                    cipher.currentKeyId(), nameHash, idNumberHash, phoneHash));
            if (previous != null) {
                previousHashes.add(previous.person(name, idNumber, parsed));
            }
            ObjectNode out = masked.addObject().put("role", role);
            // A value with nothing to hash (a phone written 无) has a null hash: left out, as the case schema wants strings.
            if (name != null) {
                out.put("name", Masking.maskName(name));
                putIfPresent(out, "nameHash", nameHash);
            }
            if (idNumber != null) {
                out.put("idNumber", Masking.maskIdNumber(idNumber));
                putIfPresent(out, "idNumberHash", idNumberHash);
                out.put("idNumberValid", IdNumbers.isValid(idNumber));
            }
            if (phone != null) {
                out.put("phone", Masking.maskPhone(parsed.valid() ? parsed.domestic() : phone));
                putIfPresent(out, "phoneHash", phoneHash);
                out.put("phoneValid", parsed.valid());
            }
        }
        record.canonical().set("persons", masked);
        maskFreeText(record.canonical());
        record.protectedPersons(sealed, previousHashes);
    }

    private static void putIfPresent(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    /** ID numbers and phones written into the free text reach events and units masked too. */
    private static void maskFreeText(ObjectNode canonical) {
        for (String field : new String[] {"title", "description"}) {
            if (canonical.hasNonNull(field)) {
                canonical.put(field, Masking.scrub(canonical.get(field).asText()));
            }
        }
        JsonNode location = canonical.path("location");
        if (location.hasNonNull("address")) {
            ((ObjectNode) location).put("address", Masking.scrub(location.get("address").asText()));
        }
    }

    private static String text(JsonNode person, String field) {
        JsonNode value = person.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
    }
}
