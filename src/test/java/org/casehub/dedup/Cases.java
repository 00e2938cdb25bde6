package org.casehub.dedup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.home.CasehubHome;
import org.casehub.home.HomeProperties;

/** Canonical cases, as the pipeline produces them, for the rule's tests; hashes are any 64 hex characters. */
final class Cases {

    static final ObjectMapper JSON = new ObjectMapper();
    static final MatterVocabulary VOCABULARY = new MatterVocabulary(new CasehubHome(new HomeProperties(".")), JSON);
    static final Instant T0 = Instant.parse("2026-11-10T02:00:00Z");

    private final ObjectNode node = JSON.createObjectNode();

    private Cases(String category, String divisionCode, String text) {
        node.put("channel", "hotline").put("category", category).put("title", text.substring(0, Math.min(16, text.length())))
                .put("description", text).put("status", "received").put("lawRelated", false).put("group", false)
                .put("reportedAt", T0.toString());
        node.putArray("persons");
        node.putObject("location").put("divisionCode", divisionCode)
                .putObject("resolution").put("method", "division-code").put("level", "community");
    }

    static Cases of(String category, String divisionCode, String text) {
        return new Cases(category, divisionCode, text);
    }

    static DuplicateRule rule() {
        return new DuplicateRule(DedupProperties.defaults(), VOCABULARY);
    }

    /** A keyed hash stand-in: the same seed, the same hash. */
    static String hash(String seed) {
        byte[] bytes = new byte[32];
        byte[] text = seed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = text[i % text.length];
        }
        bytes[31] ^= (byte) text.length;
        return HexFormat.of().formatHex(bytes);
    }

    Cases daysLater(double days) {
        node.put("reportedAt", T0.plusSeconds((long) (days * 86400)).toString());
        return this;
    }

    Cases address(String address) {
        ((ObjectNode) node.path("location")).put("address", address);
        return this;
    }

    /** A petitioner: name, ID number (valid checksum) and phone seeds, each null when absent. */
    Cases petitioner(String name, String id, String phone) {
        return person("petitioner", name, id, true, phone);
    }

    Cases person(String role, String name, String id, boolean idValid, String phone) {
        ObjectNode person = ((ArrayNode) node.path("persons")).addObject().put("role", role);
        if (name != null) {
            person.put("name", name.charAt(0) + "*").put("nameHash", hash("name:" + name));
        }
        if (id != null) {
            person.put("idNumber", "440303********0000").put("idNumberHash", hash("id:" + id)).put("idNumberValid", idValid);
        }
        if (phone != null) {
            person.put("phone", "138****0000").put("phoneHash", hash("phone:" + phone));
        }
        return this;
    }

    ObjectNode json() {
        return node;
    }

    CaseFacts facts() {
        return CaseFacts.of(node, T0);
    }
}
