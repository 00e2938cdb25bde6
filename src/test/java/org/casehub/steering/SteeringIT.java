package org.casehub.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.casehub.support.HubTestSupport;
import org.casehub.support.PetitionRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Routing by the matter (issue 22) through the real feeds and the embedded brokers: each rule both ways — 诉访分离 to
 * the district's legal channel, 信调联动 to the mediation body once per case and body.
 */
class SteeringIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong PEOPLE = new AtomicLong(System.nanoTime() % 1_000_000L);
    private static Connection artemis;

    @Autowired
    @Qualifier(ExchangeDatabaseConfiguration.JDBC)
    JdbcTemplate exchange;

    private LocalDateTime sjc = LocalDateTime.parse("2026-11-20T09:00:00");

    @AfterAll
    static void disconnect() throws JMSException {
        if (artemis != null) {
            artemis.close();
        }
    }

    @Test
    void aPetitionWhoseTextShowsEnforcementOfAJudgmentGoesToItsDistrictsLegalChannelAndSaysWhy() throws JMSException {
        String law = caseOf(petition("440306", "0101", 1, "0", "仲裁委裁决公司支付拖欠工资，公司拒不履行，已申请法院强制执行半年无果。"));
        String policy = caseOf(petition("440306", "0101", 1, "0", "公司不执行最低工资标准，政策执行不到位，请求劳动部门处理。"));

        JsonNode lawCase = caseJson(law);
        assertThat(lawCase.path("lawRelated").asBoolean()).isTrue();
        assertThat(lawCase.path("lawRule").path("rule").asText()).startsWith("text-");
        assertThat(lawCase.path("lawRule").path("evidence").asText()).isNotBlank();
        await().atMost(PATIENCE).until(() -> messages("casehub.unit.440306.legal", law).size() == 1);
        assertThat(messages("casehub.unit.440306.legal", law)).containsExactly("org.casehub.case.created " + law + ":1");

        JsonNode policyCase = caseJson(policy);
        assertThat(policyCase.path("lawRelated").asBoolean()).isFalse();
        assertThat(policyCase.has("lawRule")).isFalse();
        delivered(policy);
        assertThat(messages("casehub.unit.440306.legal", policy)).isEmpty();
        assertThat(messages("casehub.unit.440306", policy)).containsExactly("org.casehub.case.created " + policy + ":1");
    }

    @Test
    void thePetitionsOwnFlagAndItsLawRelatedClassAreRecordedAsTheRuleThatFired() throws JMSException {
        String flagged = caseOf(petition("440306", "0101", 1, "1", "老板拖欠工资，请求帮助。"));
        String classed = caseOf(petition("440306", "0401", 1, "0", "反映有关问题，请求处理。"));

        assertThat(caseJson(flagged).path("lawRule").path("rule").asText()).isEqualTo(LawClassifier.SOURCE_FLAG);
        assertThat(caseJson(classed).path("lawRule").path("rule").asText()).isEqualTo(LawClassifier.SOURCE_CLASS);
        assertThat(caseJson(classed).path("lawRule").path("evidence").asText()).endsWith("/0401");
        for (String caseId : List.of(flagged, classed)) {
            await().atMost(PATIENCE).until(() -> messages("casehub.unit.440306.legal", caseId).size() == 1);
        }
    }

    @Test
    void aLabourCaseInLonghuaIsOfferedToItsMediationBodyOnceEvenWhenItChangesAndOneInFutianIsNot() throws JMSException {
        String xfjbh = PetitionRows.newXfjbh();
        String text = "宏达" + PEOPLE.incrementAndGet() + "五金厂拖欠工资两个月，请求调解。";
        PetitionRows.insert(exchange, xfjbh, "440309", "龙华区某地", "0101", 1, "0", PetitionRows.gbk(text), next());
        String offered = caseOf(xfjbh);
        String futian = caseOf(petition("440304", "0101", 1, "0", "福田某公司拖欠工资两个月，请求调解。"));

        await().atMost(PATIENCE).until(() -> messages("casehub.mediation.440309LD", offered).size() == 1);
        assertThat(messages("casehub.mediation.440309LD", offered))
                .containsExactly("org.casehub.case.mediation-offered " + offered + ":1.m1");
        JsonNode shown = caseJson(offered).path("mediation");
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).path("body").asText()).isEqualTo("440309LD");
        assertThat(shown.get(0).path("address").asText()).isEqualTo("casehub.mediation.440309LD");

        // the petition changes (a newer SJC): the case's revision 2 still shows the offer, which is not made again
        exchange.update("UPDATE XF_JBXX_EXCHANGE SET BLZT = '02', SJC = ?, CLBZ = '0' WHERE XFJBH = ?", next(), xfjbh);
        await().atMost(PATIENCE).until(() -> caseJson(offered).path("revision").asInt() == 2);
        delivered(offered);
        assertThat(caseJson(offered).path("mediation")).hasSize(1);
        assertThat(messages("casehub.mediation.440309LD", offered)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mediation_offer WHERE case_id = ?", Integer.class, offered))
                .isEqualTo(1);

        delivered(futian);
        assertThat(caseJson(futian).has("mediation")).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mediation_offer WHERE case_id = ?", Integer.class, futian))
                .isZero();
    }






    private String petition(String wtsdd, String nrfl, int people, String sfsfss, String text) {
        String xfjbh = PetitionRows.newXfjbh();
        PetitionRows.insert(exchange, xfjbh, wtsdd, "深圳市某地", nrfl, people, sfsfss, PetitionRows.gbk(text), next());
        return xfjbh;
    }

    private synchronized LocalDateTime next() {
        sjc = sjc.plusMinutes(1);
        return sjc;
    }



    /** The case of a source record (petition number, grid event id or order number), once stored. */
    private String caseOf(String recordId) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM source_record WHERE record_id = ?", Integer.class, recordId) == 1);
        return jdbc.queryForObject("SELECT case_id FROM source_record WHERE record_id = ?", String.class, recordId);
    }

    private JsonNode caseJson(String caseId) {
        try {
            return JSON.readTree(jdbc.queryForObject("SELECT case_json FROM hub_case WHERE case_id = ?", String.class, caseId));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every Artemis delivery of the case has been sent. */
    private void delivered(String caseId) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE case_id = ?"
                + " AND channel = 'artemis' AND published_at IS NULL", Integer.class, caseId) == 0);
    }


    /** "type id" of every message of the case waiting in the queue of this address, in order. */
    private static List<String> messages(String queue, String caseId) throws JMSException {
        return browse(queue, "_AMQ_DUPL_ID LIKE '" + caseId + ":%'");
    }

    @SuppressWarnings("unchecked")
    private static List<String> browse(String queue, String selector) throws JMSException {
        if (artemis == null) {
            artemis = new ActiveMQConnectionFactory("tcp://localhost:" + ARTEMIS_PORT).createConnection();
            artemis.start();
        }
        List<String> found = new ArrayList<>();
        try (Session session = artemis.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector);
            for (Message message : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                found.add(message.getJMSType() + " " + message.getStringProperty("_AMQ_DUPL_ID"));
            }
        }
        return found;
    }
}

