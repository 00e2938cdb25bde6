package org.casehub.steering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.CasehubApplication;
import org.casehub.embedded.FreePorts;
import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.casehub.index.IndexStore;
import org.casehub.security.TestClients;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.GridEvents;
import org.casehub.support.HubHttp;
import org.casehub.support.HubInstances;
import org.casehub.support.PetitionRows;
import org.casehub.support.TestPersons;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Routing by the matter (issue 22) through the real feeds and the embedded brokers: each rule both ways — 诉访分离 to
 * the district's legal channel, 信调联动 to the mediation body once per case and body, 集体访 flagged and escalated
 * once per group, also when its cases arrive through three feeds at once — and the API's filters and group view.
 * A hub of its own: the shared ITs' hub leaves related cases ungrouped (HubInstances), this one groups five.
 */
@SpringBootTest(classes = CasehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SteeringIT {

    private static final Path DATA = HubInstances.freshDataFolder();
    private static final int KAFKA_PORT = FreePorts.free();
    private static final int ARTEMIS_PORT = FreePorts.free();

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong PEOPLE = new AtomicLong(System.nanoTime() % 1_000_000L);
    private static GridEvents grid;
    private static Connection artemis;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier(ExchangeDatabaseConfiguration.JDBC)
    JdbcTemplate exchange;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        Map<String, Object> properties = HubInstances.properties(DATA, HubInstances.homeCopy(), KAFKA_PORT, ARTEMIS_PORT,
                "", HubInstances.database());
        properties.put("casehub.steering.related-group-threshold", 5);
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    private HubHttp http;
    private LocalDateTime sjc = LocalDateTime.parse("2026-11-20T09:00:00");

    @BeforeAll
    static void connect() {
        grid = new GridEvents("localhost:" + KAFKA_PORT);
    }

    @AfterAll
    static void disconnect() throws JMSException {
        grid.close();
        if (artemis != null) {
            artemis.close();
        }
    }

    @BeforeEach
    void client() {
        http = new HubHttp(port);
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

    /**
     * A grid event and its next version sent at once reach the hub in one poll, so one index transaction writes the
     * case's revisions 1 and 2: the offer revision 1 made is not in the index yet when revision 2 is steered, and is
     * still made once (the transaction's own offers count), its row and its message written with the batch — whole:
     * an offer made twice would break the table's key, and the store would find it only by splitting the batch.
     */
    @Test
    void aLabourCaseChangedWithinOneBatchIsOfferedToItsMediationBodyOnce() throws JMSException {
        Logger store = (Logger) LoggerFactory.getLogger(IndexStore.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        store.addAppender(warnings);
        String eventId = GridEvents.newEventId();
        String offered;
        try {
            String text = "本人在鑫盛" + PEOPLE.incrementAndGet() + "电子厂工作，老板拖欠工资两个月，请求调解。";
            grid.sendAllAtOnce(List.of(gridEvent(eventId, 1, text), gridEvent(eventId, 2, text + "今天又去讨要，仍无结果。")));
            offered = caseOf(eventId);
            await().atMost(PATIENCE).until(() -> caseJson(offered).path("revision").asInt() >= 2);
            delivered(offered);
        } finally {
            store.detachAppender(warnings);
        }
        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).as("batches the store had to split")
                .noneMatch(message -> message.startsWith("a batch of"));
        assertThat(messages("casehub.mediation.440305LD", offered))
                .containsExactly("org.casehub.case.mediation-offered " + offered + ":1.m1");
        assertThat(caseJson(offered).path("mediation")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mediation_offer WHERE case_id = ?", Integer.class, offered))
                .isEqualTo(1);
    }

    @Test
    void aGroupPetitionIsEscalatedAtOnceToItsDistrictAndCityButASmallOneIsNot() throws JMSException {
        String group = caseOf(petition("440310", "0101", 12, "0", "坪山某电子厂十二名工人集体反映被拖欠工资。"));
        String small = caseOf(petition("440310", "0801", 4, "0", "坪山某工厂夜间排放废气，四户居民反映。"));

        JsonNode flagged = caseJson(group);
        assertThat(flagged.path("group").asBoolean()).isTrue();
        assertThat(flagged.path("groupOf").path("by").asText()).isEqualTo("source");
        assertThat(flagged.path("groupOf").path("size").asInt()).isEqualTo(12);
        for (String unit : List.of("440310", "4403")) {
            await().atMost(PATIENCE).until(() -> escalations("casehub.unit." + unit, List.of(group)).size() == 1);
        }
        delivered(group);
        assertThat(escalations("casehub.unit.44", List.of(group))).isEmpty();

        delivered(small);
        assertThat(caseJson(small).path("group").asBoolean()).isFalse();
        assertThat(escalations("casehub.unit.440310", List.of(small))).isEmpty();
    }

    /**
     * Six workers of one company, each their own case (different people: related, never merged), arrive at once
     * through the exchange table, the grid's Kafka topic and the 12345 webhook: one group of six, flagged on every
     * case, escalated exactly once to the district and once to the city.
     */
    @Test
    void relatedCasesFromThreeFeedsAtOnceMakeOneGroupEscalatedOnce() throws Exception {
        String company = "恒丰" + PEOPLE.incrementAndGet() + "精密电子厂";
        String text = "本人在" + company + "工作，老板已经三个月没发工资了，工友们都没拿到，多次讨要无果。";
        List<String> records = new ArrayList<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String xfjbh = PetitionRows.newXfjbh();
            records.add(xfjbh);
            LocalDateTime at = next();
            sends.add(CompletableFuture.runAsync(() -> PetitionRows.insert(exchange, xfjbh, "440305007012",
                    "南山区粤海街道京光社区梅观路88号", "0101", 1, "0", PetitionRows.gbk(text), at)));
            String eventId = GridEvents.newEventId();
            records.add(eventId);
            sends.add(CompletableFuture.runAsync(() -> grid.send(eventId, gridEvent(eventId, text))));
            String orderNo = String.format("GD12345-20261120-%06d", 800_000 + PEOPLE.incrementAndGet() % 100_000);
            records.add(orderNo);
            // as the 12345 platform does, sent again while the hub answers 503 (its index busy: a lock wait timed out)
            sends.add(CompletableFuture.runAsync(() -> await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                    http.post("/ingest/livelihood", HubInstances.webhookHeaders(DATA), workOrder(orderNo, text).toString())
                            .statusCode() == 202)));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        List<String> cases = new ArrayList<>();
        for (String record : records) {
            cases.add(caseOf(record));
        }
        assertThat(new TreeSet<>(cases)).as("six people, six cases").hasSize(6);

        await().atMost(PATIENCE).until(() -> cases.stream().allMatch(id -> caseJson(id).path("group").asBoolean()));
        Set<String> groups = cases.stream().map(id -> caseJson(id).path("groupOf").path("groupId").asText())
                .collect(Collectors.toSet());
        assertThat(groups).hasSize(1);
        cases.forEach(this::delivered);
        for (String unit : List.of("440305", "4403")) {
            assertThat(escalations("casehub.unit." + unit, cases)).as("escalations at %s", unit).hasSize(1);
        }
        assertThat(escalations("casehub.unit.440305007", cases)).isEmpty();

        String groupId = groups.iterator().next();
        JsonNode view = HubHttp.json(http.get("/api/groups/" + groupId, TestClients.READER_KEY));
        assertThat(view.path("recognised").asBoolean()).isTrue();
        assertThat(view.path("recognisedBy").asText()).isEqualTo("related");
        assertThat(view.path("cases").asInt()).isEqualTo(6);
        assertThat(view.path("members")).hasSize(6);
        List<Integer> sizes = new ArrayList<>();
        view.path("members").forEach(member -> sizes.add(member.path("sizeAfter").asInt()));
        assertThat(Collections.max(sizes)).as("the size over time reaches six").isEqualTo(6);
        assertThat(http.get("/api/groups/" + groupId, TestClients.DAPENG_KEY).statusCode()).isEqualTo(404);

        JsonNode page = HubHttp.json(http.get("/api/cases?group=true&division=440305007012&limit=500", TestClients.READER_KEY));
        List<String> listed = new ArrayList<>();
        page.path("items").forEach(item -> listed.add(item.path("caseId").asText()));
        assertThat(listed).containsAll(cases);
    }

    @Test
    void fourRelatedCasesOfOneMatterAreNoGroup() throws JMSException {
        String text = "盐田某" + PEOPLE.incrementAndGet() + "物流公司拖欠装卸工工资，请求帮助。";
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cases.add(caseOf(petition("440308", "0101", 1, "0", text)));
        }
        cases.forEach(this::delivered);
        for (String caseId : cases) {
            assertThat(caseJson(caseId).path("group").asBoolean()).isFalse();
        }
        assertThat(escalations("casehub.unit.440308", cases)).isEmpty();
    }

    @Test
    void theCaseApiFiltersLawRelatedAndMediationOfferedCases() {
        String law = caseOf(petition("440305", "0101", 1, "1", "劳动争议已经起诉到法院。"));
        String offered = caseOf(petition("440305", "0101", 1, "0", "南山某" + PEOPLE.incrementAndGet() + "公司拖欠工资。"));
        String neither = caseOf(petition("440305", "0801", 1, "0", "南山某工地夜间施工噪声扰民。"));

        assertThat(listed("lawRelated=true")).contains(law).doesNotContain(offered, neither);
        assertThat(listed("lawRelated=false")).contains(offered, neither).doesNotContain(law);
        assertThat(listed("mediationOffered=true")).contains(offered, law).doesNotContain(neither);
        assertThat(listed("mediationOffered=false")).contains(neither).doesNotContain(offered);
        long count = HubHttp.json(http.get("/api/cases/count?division=440305&mediationOffered=true", TestClients.READER_KEY))
                .path("count").asLong();
        assertThat(count).isGreaterThanOrEqualTo(2);
    }

    private List<String> listed(String filter) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = HubHttp.json(http.get("/api/cases?division=440305&limit=500&" + filter
                    + (cursor == null ? "" : "&cursor=" + cursor), TestClients.READER_KEY));
            page.path("items").forEach(item -> ids.add(item.path("caseId").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        return ids;
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

    private static String gridEvent(String eventId, String text) {
        return gridEvent(eventId, 1, text);
    }

    private static String gridEvent(String eventId, int version, String text) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", eventId).put("version", version).put("eventType", "MD-LZ").put("title", "工人讨薪")
                .put("content", text).put("gridCode", "440305007012-03");
        event.putObject("location").put("address", "南山区粤海街道京光社区梅观路88号");
        event.put("occurTime", "2026-11-20T09:30:00+08:00").put("reportTime", "2026-11-20T10:00:00+08:00")
                .put("updatedAt", "2026-11-20T1" + version + ":00:00+08:00");
        event.putObject("reporter").put("name", "许涵国").put("role", "网格员");
        event.putArray("parties").addObject().put("name", "李" + eventId.substring(eventId.length() - 2))
                .put("idCard", TestPersons.idNumber("440305", PEOPLE.incrementAndGet()));
        event.put("severity", 2).put("status", "上报");
        return event.toString();
    }

    private static ObjectNode workOrder(String orderNo, String text) {
        ObjectNode order = FakeWorkOrderPlatform.order(orderNo, "2026-11-20 10:20:00", "已派单");
        order.put("category", "投诉").put("matterType", "劳动保障/工资拖欠").put("title", "工人讨薪").put("content", text)
                .put("address", "南山区粤海街道京光社区梅观路88号");
        return order;
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

    /** The group-escalated messages of these cases waiting in a queue. */
    private static List<String> escalations(String queue, List<String> caseIds) throws JMSException {
        String cases = caseIds.stream().map(id -> "_AMQ_DUPL_ID LIKE '" + id + ":%'").collect(Collectors.joining(" OR "));
        return browse(queue, "JMSType = '" + Steering.GROUP_ESCALATED + "' AND (" + cases + ")");
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
