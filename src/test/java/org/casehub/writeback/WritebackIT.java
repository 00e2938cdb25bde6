package org.casehub.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.casehub.security.TestClients;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.casehub.support.PetitionRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Units' results travel back to the platforms that sent the case, through the outbox, once each and in order: the 12345
 * feedback API (429 and 5xx tried again, 409 done, 422 parked and recorded on the case) and the provincial result
 * exchange table (a duplicate key done, text GBK cannot encode refused, never written as '?'); a case merged from both
 * writes back to both.
 */
class WritebackIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Charset GBK = Charset.forName("GBK");
    /** it-unit-nanshan speaks for 南山区, a unit of the 12345 orders' cases (粤海街道京光社区) */
    private static final String NANSHAN = "440305";
    /** it-unit speaks for 东门街道, where the petitions here are placed */
    private static final String DONGMEN = "440303003";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier(ExchangeDatabaseConfiguration.JDBC)
    JdbcTemplate exchange;

    private HubHttp http;

    @BeforeEach
    void connect() {
        http = new HubHttp(port);
    }

    @Test
    void aResultReaches12345OnceThrough429And503AndAStateItRefusesIsParkedAndHoldsTheLaterOnes() {
        String orderNo = newOrderNo();
        String caseId = orderCase(orderNo);
        LIVELIHOOD.answerNextFeedback(429, "1");
        LIVELIHOOD.answerNextFeedback(503, null);

        assertThat(report(TestClients.NANSHAN_UNIT_KEY, caseId, "W1", "受理", null, "已受理,三日内答复").statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> LIVELIHOOD.feedbackOf(orderNo).size() == 1);
        JsonNode taken = LIVELIHOOD.feedbackOf(orderNo).get(0);
        assertThat(taken.path("state").asText()).isEqualTo("已受理");
        assertThat(taken.path("deptCode").asText()).isEqualTo(NANSHAN);
        assertThat(taken.path("deptName").asText()).isEqualTo("南山区");
        assertThat(taken.path("content").asText()).isEqualTo("已受理,三日内答复");
        assertThat(taken.path("time").asText()).isEqualTo("2026-12-05 09:30:00");
        // the fake platform logs a request once it has answered it, just after the feedback became visible above
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(LIVELIHOOD.feedbackRequests())
                .containsSubsequence(orderNo + " 429", orderNo + " 503", orderNo + " 200"));
        await().atMost(PATIENCE).until(() -> outcomes(caseId).equals(List.of("written")));

        // 答复 has no 12345 state (config/process.yaml): nothing goes back
        assertThat(report(TestClients.NANSHAN_UNIT_KEY, caseId, "W2", "答复", null, "已答复").statusCode()).isEqualTo(200);
        // 409: the platform had this result already — done
        LIVELIHOOD.answerNextFeedback(409, null);
        assertThat(report(TestClients.NANSHAN_UNIT_KEY, caseId, "W3", "办理中", null, "协调中").statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> outcomes(caseId).equals(List.of("written", "duplicate")));
        // 受理 again does not follow: 422, parked and recorded; 办结 after it waits behind it
        assertThat(report(TestClients.NANSHAN_UNIT_KEY, caseId, "W4", "受理", null, "再次受理").statusCode()).isEqualTo(200);
        assertThat(report(TestClients.NANSHAN_UNIT_KEY, caseId, "W5", "办结", null, "已办结").statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> outcomes(caseId).equals(List.of("written", "duplicate", "refused")));
        assertThat(jdbc.queryForObject("SELECT reason FROM outbox_parked WHERE case_id = ?", String.class, caseId))
                .contains("422");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE case_id = ? AND channel = 'writeback'"
                + " AND published_at IS NULL", Integer.class, caseId)).as("the refused one and 办结 behind it").isEqualTo(2);
        assertThat(LIVELIHOOD.feedbackOf(orderNo)).hasSize(1);

        JsonNode timeline = HubHttp.json(http.get("/api/cases/" + caseId + "/timeline", TestClients.OPERATOR_KEY));
        assertThat(timeline.path("entries").findValuesAsText("outcome")).contains("written", "duplicate", "refused", "pending");
    }

    @Test
    void aPetitionsResultIsOneExchangeRowInGbkAndADuplicateKeyIsDone() {
        String xfjbh = PetitionRows.newXfjbh();
        String caseId = petitionCase(xfjbh);

        assertThat(report(TestClients.UNIT_KEY, caseId, "P1", "答复", null, "已约谈双方,达成调解协议").statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> rows(xfjbh) == 1);
        Map<String, Object> row = exchange.queryForMap("SELECT * FROM XF_BLJG_EXCHANGE WHERE XFJBH = ?", xfjbh);
        assertThat(row).containsEntry("BLZT", "04").containsEntry("BLDW", DONGMEN).containsEntry("CLBZ", "0");
        assertThat(new String((byte[]) row.get("BLYJ"), GBK)).isEqualTo("已约谈双方,达成调解协议");
        assertThat(row.get("BLSJ").toString()).startsWith("2026-12-05 09:30:00");

        // the next result's key is taken already (written before a crash, say): done, not written twice
        int revision = jdbc.queryForObject("SELECT revision FROM hub_case WHERE case_id = ?", Integer.class, caseId);
        exchange.update("INSERT INTO XF_BLJG_EXCHANGE (JGBH, XFJBH, BLZT, BLDW, BLDWMC, BLSJ) VALUES (?, ?, '09', ?, '东门街道', ?)",
                caseId + ":" + (revision + 1), xfjbh, DONGMEN, LocalDateTime.now());
        assertThat(report(TestClients.UNIT_KEY, caseId, "P2", "办结", null, "已办结").statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> outcomes(caseId).equals(List.of("written", "duplicate")));
        assertThat(rows(xfjbh)).isEqualTo(2);
    }

    @Test
    void aTextGbkCannotEncodeIsRefusedWithTheCharacterNeverWrittenAsQuestionMarks() {
        String xfjbh = PetitionRows.newXfjbh();
        String caseId = petitionCase(xfjbh);

        assertThat(report(TestClients.UNIT_KEY, caseId, "P3", "受理", null, "已受理 \uD83D\uDE00").statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> outcomes(caseId).equals(List.of("refused")));
        assertThat(jdbc.queryForObject("SELECT detail FROM writeback_result WHERE case_id = ?", String.class, caseId))
                .contains("U+1F600").contains("GBK");
        assertThat(rows(xfjbh)).isZero();
    }

    @Test
    void aCaseMergedFromAnOrderAndAPetitionWritesBackToBoth() {
        String orderNo = newOrderNo();
        String survivor = orderCase(orderNo);
        String xfjbh = PetitionRows.newXfjbh();
        String absorbed = petitionCase(xfjbh);
        jdbc.update("INSERT INTO case_link (case_id, other_case_id, kind, score, features, state, created_at)"
                + " VALUES (?, ?, 'possible', 0.7, '{}', 'open', ?)", absorbed, survivor, OffsetDateTime.now(ZoneOffset.UTC));
        long linkId = jdbc.queryForObject("SELECT MAX(id) FROM case_link WHERE case_id = ?", Long.class, absorbed);
        assertThat(http.post("/api/dedup/links/" + linkId + "/confirm", Map.of("X-Api-Key", TestClients.OPERATOR_KEY,
                "Content-Type", "application/json"), "{}").statusCode()).isEqualTo(200);

        assertThat(report(TestClients.NANSHAN_UNIT_KEY, absorbed, "M1", "受理", null, "已受理").statusCode())
                .as("a report on the absorbed case goes on to the survivor").isEqualTo(200);

        await().atMost(PATIENCE).until(() -> LIVELIHOOD.feedbackOf(orderNo).size() == 1 && rows(xfjbh) == 1);
        assertThat(exchange.queryForObject("SELECT BLZT FROM XF_BLJG_EXCHANGE WHERE XFJBH = ?", String.class, xfjbh))
                .isEqualTo("02");
        JsonNode timeline = HubHttp.json(http.get("/api/cases/" + survivor + "/timeline", TestClients.OPERATOR_KEY));
        List<String> kinds = timeline.path("entries").findValuesAsText("kind");
        assertThat(kinds).containsSubsequence("source-record", "event", "report", "event", "write-back");
        assertThat(timeline.path("entries").findValuesAsText("feed")).contains("livelihood", "provincial-petition");
    }

    private static String newOrderNo() {
        return String.format("GD12345-20261205-%06d", 700_000 + SEQUENCE.incrementAndGet());
    }

    private String orderCase(String orderNo) {
        LIVELIHOOD.put(orderNo, LIVELIHOOD.tick(false), "已派单");
        await().atMost(PATIENCE).until(() -> caseOf("livelihood", orderNo) != null);
        return caseOf("livelihood", orderNo);
    }

    private String petitionCase(String xfjbh) {
        PetitionRows.insert(exchange, xfjbh, DONGMEN, "罗湖区东门街道", LocalDateTime.now().withNano(0));
        await().atMost(PATIENCE).until(() -> caseOf("provincial-petition", xfjbh) != null);
        return caseOf("provincial-petition", xfjbh);
    }

    private String caseOf(String feed, String recordId) {
        return jdbc.queryForList("SELECT case_id FROM source_record WHERE feed = ? AND record_id = ?", String.class,
                feed, recordId).stream().findFirst().orElse(null);
    }

    private HttpResponse<String> report(String key, String caseId, String resultId, String state, String reason, String text) {
        String body = "{\"resultId\": \"" + resultId + "-" + caseId + "\", \"state\": \"" + state + "\","
                + (reason == null ? "" : " \"reason\": \"" + reason + "\",") + " \"text\": \"" + text + "\","
                + " \"time\": \"2026-12-05 09:30:00\"}";
        return http.post("/api/cases/" + caseId + "/progress", Map.of("X-Api-Key", key, "Content-Type", "application/json"),
                body);
    }

    private List<String> outcomes(String caseId) {
        return jdbc.queryForList("SELECT outcome FROM writeback_result WHERE case_id = ? ORDER BY id", String.class, caseId);
    }

    private int rows(String xfjbh) {
        return exchange.queryForObject("SELECT COUNT(*) FROM XF_BLJG_EXCHANGE WHERE XFJBH = ?", Integer.class, xfjbh);
    }
}
