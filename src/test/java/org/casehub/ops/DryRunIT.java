package org.casehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.security.TestClients;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** POST /api/feeds/{id}/dry-run through real HTTP: cases or errors per record, and nothing stored. */
class DryRunIT extends HubTestSupport {

    private static final String VALID = """
            {"orderNo":"GD12345-20261122-900001","updateTime":"2026-11-22 08:00:00","acceptTime":"2026-11-22 08:00:00",\
            "channel":"12345热线","category":"投诉","matterType":"城市管理/噪声","title":"夜间施工噪声","content":"梅观路夜间施工噪声。",\
            "citizen":{"name":"周娜","mobile":"17747636337"},"districtName":"南山区","streetName":"粤海街道",\
            "communityName":"京光社区","address":"南山区粤海街道京光社区梅观路16号","state":"已派单"}""";
    private static final String INVALID = """
            {"orderNo":"GD12345-20261122-900002","updateTime":"2026-11-22 08:00:00","channel":"12345热线",\
            "category":"投诉","matterType":"噪声","citizen":{"mobile":"123"},"state":"已派单"}""";

    @LocalServerPort
    int port;

    private HubHttp http;

    @BeforeEach
    void client() {
        http = new HubHttp(port);
    }

    private HttpResponse<String> dryRun(String feed, String key, String body) {
        return http.post("/api/feeds/" + feed + "/dry-run", Map.of("X-Api-Key", key, "Content-Type", "application/x-ndjson"), body);
    }

    @Test
    void aReaderGetsTheCaseOfAValidRecordAndTheJsonPointerErrorsOfAnInvalidOne() {
        HttpResponse<String> response = dryRun("livelihood", TestClients.READER_KEY, VALID + "\n" + INVALID + "\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = HubHttp.json(response);
        assertThat(answer.path("records").asInt()).isEqualTo(2);
        assertThat(answer.path("valid").asInt()).isEqualTo(1);
        JsonNode valid = answer.path("results").get(0);
        assertThat(valid.path("recordId").asText()).isEqualTo("GD12345-20261122-900001");
        assertThat(valid.path("case").path("category").asText()).isEqualTo("noise");
        assertThat(valid.path("case").path("location").path("divisionCode").asText()).startsWith("440305");
        assertThat(valid.path("case").toString()).doesNotContain("17747636337");
        JsonNode invalid = answer.path("results").get(1);
        assertThat(invalid.path("stage").asText()).isEqualTo("source-schema");
        // a malformed mobile is flagged on the person (phoneValid false), no longer a schema error
        assertThat(invalid.path("errors").toString()).contains("/matterType: ").doesNotContain("/citizen/mobile");
    }

    @Test
    void anOperatorMayDryRunAJsonArrayAndNothingIsStoredOrQuarantined() {
        int quarantined = count("SELECT COUNT(*) FROM quarantine");

        HttpResponse<String> response = dryRun("livelihood", TestClients.OPERATOR_KEY, "[" + VALID + "," + INVALID + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(HubHttp.json(response).path("invalid").asInt()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM source_record WHERE record_id LIKE 'GD12345-20261122-9%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM quarantine")).isEqualTo(quarantined);
    }

    @Test
    void withoutAnApiKeyTheDryRunAnswers401() {
        HttpResponse<String> response = http.post("/api/feeds/livelihood/dry-run", Map.of("Content-Type", "application/json"), VALID);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownFeedIsAnswered400() {
        HttpResponse<String> response = dryRun("no-such-feed", TestClients.READER_KEY, VALID);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(HubHttp.json(response).path("message").asText()).contains("no-such-feed");
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
