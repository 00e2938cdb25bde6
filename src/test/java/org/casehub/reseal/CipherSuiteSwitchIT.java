package org.casehub.reseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.casehub.embedded.FreePorts;
import org.casehub.security.KeyedHasher;
import org.casehub.security.PiiCipher;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A hub that sealed and hashed personal data under AES-256-GCM and HMAC-SHA256 is switched to the 国密 suite (SM4-GCM,
 * HMAC-SM3): it opens the old data, matches a returning petitioner under the old hashes while they move, re-seals and
 * re-hashes everything (the re-seal job), and — started again with the SM4 key alone — still merges the petitioner's
 * next report with the old case. Three hubs one after the other on one data folder and index database, grid events
 * through the embedded Kafka.
 */
class CipherSuiteSwitchIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String HASH_KEY = "hash-key-of-the-cipher-suite-switch-it";
    private static final String OPERATOR_KEY = "it-operator-key-3Hn6Wc1Bj8Ys5Df0";

    private final Path data = HubInstances.freshDataFolder();
    private final FakeWorkOrderPlatform platform = FakeWorkOrderPlatform.start();
    private final int kafkaPort = FreePorts.free();
    private final Map<String, Object> properties = HubInstances.properties(data, HubInstances.homeCopy(), kafkaPort,
            FreePorts.free(), platform.baseUrl(), HubInstances.database());
    private ConfigurableApplicationContext hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        platform.stop();
    }

    @Test
    void aHubSwitchedToSm4OpensOldAesDataReSealsItAndStillMergesAReturningPetitionerWithTheirOldCase() {
        String aesKey = randomKey(32);
        properties.put("casehub.pii.key", aesKey);
        properties.put("casehub.pii.hash-key", HASH_KEY);
        hub = HubInstances.start(properties);
        String first = GridEvents.newEventId();
        send(first, GridEvents.event(first, 1, "MD-LL"));
        send("not-an-event", "{\"eventId\": \"broken\"}");
        await().atMost(PATIENCE).until(() -> caseOf(first) != null && count("SELECT COUNT(*) FROM quarantine") > 0);
        String caseId = caseOf(first);
        String aesKeyId = jdbc().queryForObject("SELECT key_id FROM case_person WHERE record_id = ? AND role <> 'reporter'",
                String.class, first);
        String aesIdHash = jdbc().queryForObject("SELECT id_hash FROM case_person WHERE record_id = ? AND id_hash IS NOT NULL",
                String.class, first);
        assertThat(aesKeyId).doesNotStartWith("sm4.");
        hub.close();

        // 国密 from now on; the AES key kept to open what it sealed, the hashes moving from HMAC-SHA256 (same hash key)
        properties.put("casehub.pii.suite", "sm4");
        properties.put("casehub.pii.key", randomKey(16));
        properties.put("casehub.pii.previous-keys." + aesKeyId, aesKey);
        properties.put("casehub.pii.previous-hash-suite", "aes");
        hub = HubInstances.start(properties);
        PiiCipher cipher = hub.getBean(PiiCipher.class);
        assertThat(cipher.currentKeyId()).startsWith("sm4.");
        assertThat(idNumbersOf(caseId)).as("the AES data opens on the SM4 hub").contains(GridEvents.idNumberOf(first));
        String second = returningPetitioner(first);
        await().atMost(PATIENCE).until(() -> caseOf(second) != null);
        assertThat(caseOf(second)).as("matched under the old hashes before the re-seal").isEqualTo(caseId);

        HubHttp http = new HubHttp(((WebServerApplicationContext) hub).getWebServer().getPort());
        HttpResponse<String> started = http.post("/api/pii/reseal", Map.of("X-Api-Key", OPERATOR_KEY), "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> "finished".equals(
                HubHttp.json(http.get("/api/pii/reseal", OPERATOR_KEY)).path("state").asText()));

        String sm4IdHash = hub.getBean(KeyedHasher.class).idNumber(GridEvents.idNumberOf(first));
        assertThat(sm4IdHash).isNotEqualTo(aesIdHash);
        assertThat(count("SELECT COUNT(*) FROM case_person WHERE key_id NOT LIKE 'sm4.%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM source_record WHERE key_id NOT LIKE 'sm4.%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE key_id NOT LIKE 'sm4.%'")).isZero();
        assertThat(jdbc().queryForList("SELECT DISTINCT id_hash FROM case_person WHERE case_id = ? AND id_hash IS NOT NULL",
                String.class, caseId)).containsExactly(sm4IdHash);
        assertThat(jdbc().queryForList("SELECT block_key FROM dedup_key WHERE case_id = ?", String.class, caseId))
                .contains("id:" + sm4IdHash).doesNotContain("id:" + aesIdHash);
        assertThat(jdbc().queryForObject("SELECT case_json FROM hub_case WHERE case_id = ?", String.class, caseId))
                .contains(sm4IdHash).doesNotContain(aesIdHash);
        assertThat(jdbc().queryForObject("SELECT dedup_facts FROM hub_case WHERE case_id = ?", String.class, caseId))
                .contains(sm4IdHash).doesNotContain(aesIdHash);
        assertThat(count("SELECT COUNT(*) FROM source_record WHERE canonical_json LIKE '%" + aesIdHash + "%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'pii.reseal' AND client_id = 'it-operator'"))
                .as("start and end audited").isEqualTo(2);
        hub.close();

        // the migration done: the SM4 key alone, no previous hash settings
        properties.remove("casehub.pii.previous-keys." + aesKeyId);
        properties.remove("casehub.pii.previous-hash-suite");
        hub = HubInstances.start(properties);
        assertThat(idNumbersOf(caseId)).containsOnly(GridEvents.idNumberOf(first));
        String third = returningPetitioner(first);
        await().atMost(PATIENCE).until(() -> caseOf(third) != null);
        assertThat(caseOf(third)).as("matched under the moved hashes").isEqualTo(caseId);
        assertThat(count("SELECT COUNT(*) FROM hub_case WHERE merged_into IS NULL")).isEqualTo(1);
    }

    /** The same person's report of the same matter again, as a new grid event; returns its id. */
    private String returningPetitioner(String personOf) {
        String eventId = GridEvents.newEventId();
        send(eventId, GridEvents.event(eventId, 1, "MD-LL")
                .replace(GridEvents.idNumberOf(eventId), GridEvents.idNumberOf(personOf))
                .replace(GridEvents.phoneOf(eventId), GridEvents.phoneOf(personOf)));
        return eventId;
    }

    private void send(String key, String event) {
        try (GridEvents grid = new GridEvents("localhost:" + kafkaPort)) {
            grid.send(key, event);
        }
    }

    /** The case's persons' ID numbers, opened. */
    private List<String> idNumbersOf(String caseId) {
        PiiCipher cipher = hub.getBean(PiiCipher.class);
        return jdbc().query("SELECT id_sealed FROM case_person WHERE case_id = ? AND id_sealed IS NOT NULL",
                (rs, n) -> cipher.openText(rs.getBytes(1)), caseId);
    }

    private String caseOf(String eventId) {
        return jdbc().queryForList("SELECT case_id FROM source_record WHERE feed = 'public-safety' AND record_id = ?",
                String.class, eventId).stream().findFirst().orElse(null);
    }

    private int count(String sql) {
        return jdbc().queryForObject(sql, Integer.class);
    }

    private JdbcTemplate jdbc() {
        return hub.getBean(JdbcTemplate.class);
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
