package org.casehub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.security.TestClients;
import org.casehub.support.GridEvents;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Personal data through the case API, on a case fed in as a grid event (its party 马斌 with an ID number
 * and phone of his own): masked for every client by default, in the clear only for a client with the personal-data flag that
 * asks, each such read audited; no response body and no log line shows them to anyone else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataApiIT extends HubTestSupport {

    /** 18-character ID numbers and 11-digit mobiles standing alone (not inside hashes, ULIDs or longer numbers). */
    private static final Pattern UNMASKED = Pattern.compile(
            "(?<![0-9A-Za-z])([0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9A-Za-z])");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    private GridEvents grid;
    private ApiCalls api;
    private String eventId;
    private String caseId;
    private String idNumber;
    private String phone;

    @BeforeAll
    void feedAGridEventInShenshan() {
        grid = new GridEvents(bootstrapServers());
        eventId = GridEvents.newEventId();
        idNumber = GridEvents.idNumberOf(eventId);
        phone = GridEvents.phoneOf(eventId);
        grid.send(eventId, GridEvents.eventAt(eventId, 1, "MD-LL", "441521103001-01"));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM source_record WHERE feed = 'public-safety' AND record_id = ?", Integer.class, eventId) == 1);
        caseId = jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = 'public-safety' AND record_id = ?",
                String.class, eventId);
    }

    /** A fresh record of bodies per test: a scan sees only the answers of its own client. */
    @BeforeEach
    void newCalls() {
        api = new ApiCalls(port);
    }

    @AfterAll
    void disconnect() {
        grid.close();
    }

    @Test
    void everyAnswerToAClientWithoutTheFlagIsMaskedAndItMayNotAskForTheClear(CapturedOutput output) {
        String key = TestClients.SHENSHAN_KEY;
        JsonNode detail = api.ok(key, "/api/cases/" + caseId);
        api.ok(key, "/api/cases?feed=public-safety&limit=500");
        api.ok(key, "/api/cases/" + caseId + "/events");
        api.ok(key, "/api/sources/public-safety/" + eventId);
        api.ok(key, "/open311/v2/requests.json");
        api.ok(key, "/open311/v2/requests/" + caseId + ".json");
        HttpResponse<String> refused = api.get(key, "/api/cases/" + caseId + "?personalData=true");

        JsonNode party = detail.path("case").path("persons").get(0);
        assertThat(party.path("idNumber").asText()).isEqualTo(idNumber.substring(0, 6) + "********" + idNumber.substring(14));
        assertThat(party.path("phone").asText()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(party.path("idNumberHash").asText()).matches("[0-9a-f]{64}");
        assertThat(detail.has("persons")).isFalse();
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(auditReadsOf("it-shenshan")).isZero();
        assertThat(unmasked(api.bodies())).isEmpty();
        assertThat(unmasked(List.of(output.getAll()))).isEmpty();
    }

    @Test
    void aClientWithTheFlagGetsThePersonsInTheClearOnlyWhenItAsksAndEachReadIsAudited(CapturedOutput output) {
        String key = TestClients.PERSONAL_DATA_KEY;
        int before = auditReadsOf("it-personal-data");

        JsonNode masked = api.ok(key, "/api/cases/" + caseId);
        JsonNode clear = api.ok(key, "/api/cases/" + caseId + "?personalData=true");
        JsonNode bySource = api.ok(key, "/api/sources/public-safety/" + eventId + "?personalData=true");

        assertThat(masked.has("persons")).isFalse();
        assertThat(masked.toString()).doesNotContain(idNumber, phone);
        JsonNode party = clear.path("persons").get(0);
        assertThat(party.path("idNumber").asText()).isEqualTo(idNumber);
        assertThat(party.path("phone").asText()).isEqualTo(phone);
        assertThat(party.path("name").asText()).isEqualTo("马斌");
        assertThat(party.path("masked").asBoolean(true)).isFalse();
        assertThat(clear.path("case").toString()).as("the case itself stays masked").doesNotContain(idNumber, phone);
        assertThat(bySource.path("persons").get(0).path("idNumber").asText()).isEqualTo(idNumber);
        assertThat(auditReadsOf("it-personal-data") - before).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT target FROM audit_log WHERE client_id = 'it-personal-data'"
                + " AND action = 'personal-data.read'", String.class)).contains(caseId);
        assertThat(output.getAll()).doesNotContain(idNumber, phone);
    }

    @Test
    void aCaseOutsideTheScopeIs404EvenWhenThePersonalDataAreAskedFor() {
        assertThat(api.get(TestClients.COMMUNITY_KEY, "/api/cases/" + caseId + "?personalData=true").statusCode())
                .isEqualTo(404);
        assertThat(api.get(TestClients.COMMUNITY_KEY, "/api/sources/public-safety/" + eventId).statusCode()).isEqualTo(404);
    }

    private int auditReadsOf(String client) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE client_id = ? AND action = 'personal-data.read'",
                Integer.class, client);
    }

    private static List<String> unmasked(List<String> texts) {
        return texts.stream().flatMap(text -> {
            Matcher m = UNMASKED.matcher(text);
            return m.results().map(r -> r.group());
        }).toList();
    }
}
