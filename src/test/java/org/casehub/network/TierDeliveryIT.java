package org.casehub.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casehub.feed.ExchangeDatabaseConfiguration;
import org.casehub.support.GridEvents;
import org.casehub.support.HubTestSupport;
import org.casehub.support.PetitionRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every case reaches exactly the units responsible for it, through their real Artemis queues. */
class TierDeliveryIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static GridEvents grid;
    private static Connection artemis;

    @Autowired
    DivisionDirectory divisions;

    @Autowired
    UnitResolver units;

    @Autowired
    @Qualifier(ExchangeDatabaseConfiguration.JDBC)
    JdbcTemplate exchange;

    @BeforeAll
    static void connect() {
        grid = new GridEvents(bootstrapServers());
    }

    @AfterAll
    static void disconnect() throws JMSException {
        grid.close();
        if (artemis != null) {
            artemis.close();
        }
    }

    @Test
    void aCaseReachesItsProvinceCityDistrictStreetAndCommunityOnceEachAndNoSibling() throws JMSException {
        String community = "440305007012";
        String sibling = divisions.codesUnder("440305007", 12).stream().filter(c -> !c.equals(community)).findFirst().orElseThrow();
        String caseId = caseOf(send(community));

        for (String unit : List.of("44", "4403", "440305", "440305007", community)) {
            await().atMost(PATIENCE).until(() -> eventsAt(unit, caseId).size() == 1);
            assertThat(eventsAt(unit, caseId)).containsExactly("org.casehub.case.created " + caseId + ":1");
        }
        assertThat(eventsAt(sibling, caseId)).isEmpty();
        assertThat(eventsAt("440303", caseId)).isEmpty();
    }

    /**
     * Petitions placed at every tier (the floor is a feed's city: no case is placed at the province alone), in
     * both zones and outside Shenzhen; then every provisioned unit's queue is browsed: each holds exactly the
     * cases of its own, once each.
     */
    @Test
    void everyUnitsQueueHoldsExactlyItsOwnCasesOnceEach() throws JMSException {
        String dapengCommunity = divisions.codesUnder("440307010", 12).get(0);
        String shenshanVillage = divisions.codesUnder("441521102", 12).get(0);
        // the place as the provincial system writes it (WTSDD, XXDZ) → the units responsible, written out by hand
        Map<List<String>, List<String>> matrix = new LinkedHashMap<>();
        matrix.put(List.of("440399", "地址不详"), List.of("44", "4403"));
        matrix.put(List.of("440305", "地址不详"), List.of("44", "4403", "440305"));
        matrix.put(List.of("440305007", "地址不详"), List.of("44", "4403", "440305", "440305007"));
        matrix.put(List.of("440305007012", ""), List.of("44", "4403", "440305", "440305007", "440305007012"));
        matrix.put(List.of("440399", "深圳市大鹏新区某地"), List.of("44", "4403", "4403DP"));
        matrix.put(List.of("440307010", "地址不详"), List.of("44", "4403", "4403DP", "440307010"));
        matrix.put(List.of(dapengCommunity, ""), List.of("44", "4403", "4403DP", "440307010", dapengCommunity));
        matrix.put(List.of("440399", "深汕特别合作区某地"), List.of("44", "4403", "4403SS"));
        matrix.put(List.of("441521102", "地址不详"), List.of("44", "4403", "4403SS", "441521102"));
        matrix.put(List.of(shenshanVillage, ""), List.of("44", "4403", "4403SS", "441521102", shenshanVillage));
        // Guangzhou's 天河区: of the provisioned queues only the province's
        matrix.put(List.of("440106", "地址不详"), List.of("44", "4401", "440106"));

        Map<String, List<String>> expected = new LinkedHashMap<>();
        LocalDateTime sjc = LocalDateTime.parse("2026-11-23T08:00:00");
        for (Map.Entry<List<String>, List<String>> place : matrix.entrySet()) {
            String xfjbh = PetitionRows.newXfjbh();
            PetitionRows.insert(exchange, xfjbh, place.getKey().get(0), place.getKey().get(1), sjc);
            sjc = sjc.plusMinutes(1);
            expected.put(xfjbh, place.getValue());
        }
        Map<String, String> caseIds = new LinkedHashMap<>();
        for (String xfjbh : expected.keySet()) {
            caseIds.put(caseOf(xfjbh), xfjbh);
        }
        String caseList = caseIds.keySet().stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE channel = 'artemis'"
                + " AND published_at IS NULL AND case_id IN (" + caseList + ")", Integer.class) == 0);

        Set<String> queues = units.provisionedUnits();
        assertThat(queues).contains("44", "4403", "4403DP", "4403SS", dapengCommunity, shenshanVillage).doesNotContain("4401");
        String selector = caseIds.keySet().stream().map(id -> "_AMQ_DUPL_ID LIKE '" + id + ":%'")
                .collect(Collectors.joining(" OR "));
        for (String unit : queues) {
            List<String> held = messagesAt(unit, selector);
            List<String> own = caseIds.entrySet().stream().filter(c -> expected.get(c.getValue()).contains(unit))
                    .map(c -> "org.casehub.case.created " + c.getKey() + ":1").toList();
            assertThat(held).as("queue of unit %s", unit).containsExactlyInAnyOrderElementsOf(own);
        }
    }

    @Test
    void aCaseInDapengGoesToTheZoneAndShenzhenButNotToLonggang() throws JMSException {
        String community = divisions.codesUnder("440307010", 12).get(0);
        String caseId = caseOf(send(community));

        for (String unit : List.of("44", "4403", "4403DP", "440307010", community)) {
            await().atMost(PATIENCE).until(() -> eventsAt(unit, caseId).size() == 1);
        }
        assertThat(eventsAt("440307", caseId)).isEmpty();
    }

    @Test
    void aCaseInShenshanGoesToTheZoneAndShenzhenButNotToShanwei() throws JMSException {
        String village = divisions.codesUnder("441521102", 12).get(0);
        String caseId = caseOf(send(village));

        for (String unit : List.of("44", "4403", "4403SS", "441521102", village)) {
            await().atMost(PATIENCE).until(() -> eventsAt(unit, caseId).size() == 1);
        }
        assertThat(eventsAt("4415", caseId)).isEmpty();
        assertThat(eventsAt("441521", caseId)).isEmpty();
    }

    @Test
    void aMovedCaseIsReassignedAwayFromItsOldUnitsAndUpdatedForTheOthers() throws JMSException {
        String from = "440305007012";
        String to = "440303003022";
        String eventId = GridEvents.newEventId();
        grid.send(eventId, GridEvents.eventAt(eventId, 1, "MD-LL", from + "-01"));
        String caseId = caseOf(eventId);
        await().atMost(PATIENCE).until(() -> eventsAt(from, caseId).size() == 1);
        grid.send(eventId, GridEvents.eventAt(eventId, 2, "MD-LL", to + "-01"));

        for (String unit : List.of("440305", "440305007", from)) {
            await().atMost(PATIENCE).until(() -> eventsAt(unit, caseId).size() == 2);
            assertThat(eventsAt(unit, caseId)).containsExactly(
                    "org.casehub.case.created " + caseId + ":1", "org.casehub.case.reassigned " + caseId + ":2");
        }
        for (String unit : List.of("44", "4403")) {
            await().atMost(PATIENCE).until(() -> eventsAt(unit, caseId).size() == 2);
            assertThat(eventsAt(unit, caseId)).containsExactly(
                    "org.casehub.case.created " + caseId + ":1", "org.casehub.case.updated " + caseId + ":3");
        }
        for (String unit : List.of("440303", "440303003", to)) {
            await().atMost(PATIENCE).until(() -> eventsAt(unit, caseId).size() == 1);
            assertThat(eventsAt(unit, caseId)).containsExactly("org.casehub.case.updated " + caseId + ":3");
        }
    }

    @Test
    void aCaseWhosePlaceCannotBeResolvedIsFlaggedIndexedAndDeliveredToTheCity() throws JMSException {
        String eventId = GridEvents.newEventId();
        // an unknown community code, and an address that names no division either
        grid.send(eventId, GridEvents.eventAt(eventId, 1, "AQ-XF", "999999999999-01").replace("罗湖区东门街道书院街社区", ""));
        String caseId = caseOf(eventId);

        for (String unit : List.of("44", "4403")) {
            await().atMost(PATIENCE).until(() -> eventsAt(unit, caseId).size() == 1);
        }
        assertThat(jdbc.queryForObject("SELECT manual_routing FROM hub_case WHERE case_id = ?", Boolean.class, caseId)).isTrue();
        assertThat(jdbc.queryForObject("SELECT division_code FROM hub_case WHERE case_id = ?", String.class, caseId))
                .isEqualTo("4403");
    }

    @Test
    void anEventPublishedAgainReachesNoUnitTwice() throws JMSException {
        String community = "440305007012";
        String caseId = caseOf(send(community));
        await().atMost(PATIENCE).until(() -> eventsAt(community, caseId).size() == 1);

        // as after a crash between the broker's commit and the outbox update: the rows go out again
        jdbc.update("UPDATE outbox SET published_at = NULL WHERE case_id = ? AND channel = 'artemis'", caseId);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox WHERE case_id = ? AND channel = 'artemis' AND published_at IS NULL",
                Integer.class, caseId) == 0);

        for (String unit : List.of("44", "4403", "440305", "440305007", community)) {
            assertThat(eventsAt(unit, caseId)).containsExactly("org.casehub.case.created " + caseId + ":1");
        }
    }

    private String send(String community) {
        String eventId = GridEvents.newEventId();
        grid.send(eventId, GridEvents.eventAt(eventId, 1, "AQ-XF", community + "-01"));
        return eventId;
    }

    /** The case of a source record (a grid event's id or a petition's XFJBH), once stored. */
    private String caseOf(String eventId) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM source_record WHERE record_id = ?", Integer.class, eventId) == 1);
        return jdbc.queryForObject("SELECT case_id FROM source_record WHERE record_id = ?", String.class, eventId);
    }

    /** "type id" of every message of the case waiting in the unit's own queue, in order; nothing is consumed. */
    private static List<String> eventsAt(String unit, String caseId) throws JMSException {
        return messagesAt(unit, "_AMQ_DUPL_ID LIKE '" + caseId + ":%'");
    }

    /** "type id" of every message the selector picks in the unit's own queue, in order; nothing is consumed. */
    private static List<String> messagesAt(String unit, String selector) throws JMSException {
        if (artemis == null) {
            // as a unit's system would, over TCP; the broker is up once the hub's context is
            artemis = new ActiveMQConnectionFactory("tcp://localhost:" + ARTEMIS_PORT).createConnection();
            artemis.start();
        }
        List<String> events = new ArrayList<>();
        try (Session session = artemis.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            QueueBrowser browser = session.createBrowser(session.createQueue("casehub.unit." + unit), selector);
            for (Message message : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                events.add(message.getJMSType() + " " + message.getStringProperty("_AMQ_DUPL_ID"));
            }
        }
        return events;
    }
}
