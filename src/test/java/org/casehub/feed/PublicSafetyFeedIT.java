package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casehub.mapping.JsonSchemas;
import org.casehub.support.GridEvents;
import org.casehub.support.HubTestSupport;
import org.casehub.support.Revisions;
import org.casehub.support.UnifiedFeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The public-safety feed end to end: grid events on Kafka → case index → CloudEvents on casehub.cases. */
@ExtendWith(OutputCaptureExtension.class)
class PublicSafetyFeedIT extends HubTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static GridEvents grid;

    @Autowired
    ObjectMapper json;

    @Autowired
    CamelContext camel;

    @Autowired
    JsonSchemas schemas;

    @BeforeAll
    static void connect() {
        grid = new GridEvents(bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        grid.close();
    }

    @Test
    void sampleGridEventsBecomeCasesGroupedAsTheContractsTruthSaysWithCloudEventsOnTheUnifiedFeed() throws IOException {
        List<String> samples = Files.readAllLines(Path.of("src/test/resources/contracts/public-safety.sample.jsonl"),
                StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        grid.sendAll(samples);
        List<String> ids = samples.stream().map(s -> read(s).path("eventId").asText()).toList();

        await().atMost(PATIENCE).until(() -> casesOf(ids) == ids.size());

        // the same grievance shares one case, different grievances never do (samples.truth.csv); other tests may
        // have indexed the other feeds' samples first, so a grid record may have joined their case
        Map<String, String> truth = truthOf("public-safety");
        for (String one : ids) {
            for (String other : ids) {
                assertThat(caseIdOf(one).equals(caseIdOf(other))).as(one + " and " + other)
                        .isEqualTo(truth.get(one).equals(truth.get(other)));
            }
        }
        for (String id : ids) {
            JsonNode mapped = read(jdbc.queryForObject("SELECT canonical_json FROM source_record WHERE feed = 'public-safety'"
                    + " AND record_id = ?", String.class, id));
            assertThat(mapped.path("channel").asText()).isEqualTo("grid");
            assertThat(mapped.path("location").path("divisionCode").asText()).hasSize(12).startsWith("4403");
            assertThat(mapped.path("location").path("path").path("district").path("name").asText()).endsWith("区");
        }
        JsonNode noise = caseOf("PA20261106000002");
        assertThat(noise.path("category").asText()).isEqualTo("noise");
        assertThat(noise.path("location").path("path").path("community").path("code").asText()).isEqualTo("440305007012");
        assertThat(noise.path("sources").findValuesAsText("recordId")).contains("PA20261106000001", "PA20261106000002");
        assertThat(noise.path("sources").findValues("merge")).as("the joined record's score and features").isNotEmpty();

        JsonNode withParty = read(jdbc.queryForObject("SELECT canonical_json FROM source_record WHERE feed = 'public-safety'"
                + " AND record_id = ?", String.class, "PA20261111000003"));
        JsonNode party = withParty.path("persons").get(0);
        assertThat(party.path("name").asText()).isEqualTo("马*");
        assertThat(party.path("idNumber").asText()).isEqualTo("440304********607X");
        assertThat(party.path("phone").asText()).isEqualTo("176****5261");
        assertThat(party.path("idNumberHash").asText()).hasSize(64);

        List<String> caseIds = ids.stream().map(this::caseIdOf).distinct().toList();
        // the unified feed carries the cases' revisions; notices about them (issue 22: <revision>.m1) go to their addresses
        int revisions = jdbc.queryForObject("SELECT COUNT(*) FROM case_event WHERE case_id IN (" + inList(caseIds) + ")"
                + " AND " + Revisions.ONLY, Integer.class);
        try (UnifiedFeed feed = new UnifiedFeed(bootstrapServers())) {
            await().atMost(PATIENCE).until(() -> feed.poll().stream().filter(r -> caseIds.contains(r.key())).count() >= revisions);
            List<ConsumerRecord<String, String>> received = feed.poll().stream().filter(r -> caseIds.contains(r.key())).toList();
            assertThat(received).hasSize(revisions);
            for (ConsumerRecord<String, String> record : received) {
                JsonNode event = read(record.value());
                assertThat(event.path("specversion").asText()).isEqualTo("1.0");
                assertThat(event.path("type").asText()).isIn("org.casehub.case.created", "org.casehub.case.updated");
                assertThat(event.path("source").asText()).isEqualTo("/casehub/feeds/" + event.path("casehubfeed").asText());
                assertThat(event.path("subject").asText()).isEqualTo(record.key());
                assertThat(event.path("id").asText()).isEqualTo(record.key() + ":" + event.path("data").path("revision").asInt());
                assertThat(UnifiedFeed.header(record, "content-type")).isEqualTo("application/cloudevents+json; charset=UTF-8");
                assertThat(schemas.violations("events/case-event.schema.json", event)).isEmpty();
            }
        }
    }

    private String caseIdOf(String eventId) {
        return jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = 'public-safety' AND record_id = ?",
                String.class, eventId);
    }

    /** samples.truth.csv: record id → case key, for one feed's samples. */
    private static Map<String, String> truthOf(String feed) throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/contracts/samples.truth.csv"), StandardCharsets.UTF_8).stream()
                .skip(1).map(line -> line.split(",")).filter(f -> f[0].equals(feed))
                .collect(Collectors.toMap(f -> f[1], f -> f[2]));
    }

    @Test
    void everyKindOfBadInputIsQuarantinedWithItsReasonAndTheFeedKeepsFlowing() {
        String notJson = GridEvents.newEventId();
        String badUtf8 = GridEvents.newEventId();
        String noGrid = GridEvents.newEventId();
        String unknownType = GridEvents.newEventId();
        String tooSevere = GridEvents.newEventId();
        String good = GridEvents.newEventId();
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM quarantine", Long.class);

        grid.send(notJson, "{\"eventId\": \"" + notJson + "\", oops");
        byte[] invalid = GridEvents.event(badUtf8, 1, "MD-LL").getBytes(StandardCharsets.UTF_8);
        invalid[invalid.length - 5] = (byte) 0xC3; // a lone lead byte inside the text
        grid.send(badUtf8, invalid);
        grid.send(noGrid, GridEvents.event(noGrid, 1, "MD-LL").replace("\"gridCode\": \"440303003022-08\", ", ""));
        // the status list is strict (an unknown eventType falls back to its class and is stored)
        grid.send(unknownType, GridEvents.event(unknownType, 1, "MD-LL").replace("\"status\": \"上报\"", "\"status\": \"挂起\""));
        grid.send(tooSevere, GridEvents.event(tooSevere, 1, "MD-LL").replace("\"severity\": 3", "\"severity\": 9"));
        grid.send(good, GridEvents.event(good, 1, "MD-LL"));

        await().atMost(PATIENCE).until(() -> caseCount(good) == 1);
        await().atMost(PATIENCE).until(() -> quarantinedAfter(before).size() == 5);

        List<String> reasons = quarantinedAfter(before).stream().map(r -> r.get("stage") + " " + r.get("reasons")).toList();
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("decode").contains("not JSON"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("decode").contains("invalid UTF-8"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("source-schema").contains("/gridCode"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("code-list").contains("'挂起'"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("source-schema").contains("/severity"));
        assertThat(quarantinedAfter(before)).allSatisfy(row -> assertThat((String) row.get("position"))
                .contains("\"topic\":\"sz.pingan.grid-events\"").contains("\"offset\""));
        for (String bad : List.of(noGrid, unknownType, tooSevere)) {
            assertThat(caseCount(bad)).isZero();
        }
    }

    @Test
    void aGridEventWithMorePartiesThanTheLimitIsQuarantinedNamingTheLimitAndTheRestOfItsBatchIsStored() {
        String crowd = GridEvents.newEventId();
        String good = GridEvents.newEventId();
        StringBuilder parties = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            parties.append(i == 0 ? "" : ", ").append("{\"name\": \"马斌\", \"phone\": \"176").append(String.format("%08d", i))
                    .append("\"}");
        }
        String event = GridEvents.event(crowd, 1, "MD-LL");
        event = event.substring(0, event.indexOf("\"parties\": [") + 12) + parties + event.substring(event.indexOf("]", event.indexOf("\"parties\": [")));
        grid.sendAllAtOnce(List.of(event, GridEvents.event(good, 1, "MD-LL")));

        await().atMost(PATIENCE).until(() -> caseCount(good) == 1
                && !jdbc.queryForList("SELECT id FROM quarantine WHERE record_id = ?", crowd).isEmpty());

        Map<String, Object> row = jdbc.queryForMap("SELECT stage, reasons FROM quarantine WHERE record_id = ?", crowd);
        assertThat(row.get("stage")).isEqualTo("limits");
        assertThat((String) row.get("reasons")).contains("2001 persons, more than casehub.limits.max-persons");
        assertThat(caseCount(crowd)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_person WHERE record_id = ?", Integer.class, crowd)).isZero();
    }

    @Test
    void aRecordThatFailsItsBatchInTheIndexIsFoundAndQuarantinedAloneWhileTheRestOfTheBatchIsStored() throws Exception {
        String poisoned = GridEvents.newEventId();
        grid.send(poisoned, GridEvents.event(poisoned, 1, "MD-LL"));
        await().atMost(PATIENCE).until(() -> caseCount(poisoned) == 1);
        // a case stored before the record limits, its dedup facts past the JSON limits: no update of it can be read
        String caseId = jdbc.queryForObject("SELECT case_id FROM source_record WHERE feed = 'public-safety' AND record_id = ?",
                String.class, poisoned);
        var facts = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                jdbc.queryForObject("SELECT dedup_facts FROM hub_case WHERE case_id = ?", String.class, caseId));
        facts.put("title", "漏".repeat(1_500_000));
        jdbc.update("UPDATE hub_case SET dedup_facts = ? WHERE case_id = ?", json.writeValueAsString(facts), caseId);
        List<String> good = List.of(GridEvents.newEventId(), GridEvents.newEventId(), GridEvents.newEventId());

        grid.sendAllAtOnce(List.of(GridEvents.event(good.get(0), 1, "MD-LL"), GridEvents.event(poisoned, 2, "MD-LL"),
                GridEvents.event(good.get(1), 1, "MD-LL"), GridEvents.event(good.get(2), 1, "MD-LL")));

        await().atMost(PATIENCE).until(() -> good.stream().allMatch(id -> caseCount(id) == 1)
                && !jdbc.queryForList("SELECT id FROM quarantine WHERE record_id = ?", poisoned).isEmpty());
        Map<String, Object> row = jdbc.queryForMap("SELECT stage, reasons, source_version FROM quarantine WHERE record_id = ?",
                poisoned);
        assertThat(row.get("stage")).isEqualTo("index");
        assertThat((String) row.get("reasons")).contains("cannot read case facts");
        assertThat(((Number) row.get("source_version")).longValue()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT revision FROM hub_case WHERE case_id = ?", Integer.class, caseId)).isEqualTo(1);
    }

    @Test
    void aDuplicateChangesNothingANewerVersionUpdatesAndAnOlderOneIsIgnored() {
        String id = GridEvents.newEventId();
        grid.send(id, GridEvents.event(id, 1, "MD-LL"));
        grid.send(id, GridEvents.event(id, 1, "MD-LL"));
        await().atMost(PATIENCE).until(() -> processed(id + ":1"));
        grid.send(id, GridEvents.event(id, 3, "MD-LL"));
        grid.send(id, GridEvents.event(id, 2, "MD-LL"));
        await().atMost(PATIENCE).until(() -> processed(id + ":2"));

        assertThat(caseCount(id)).isEqualTo(1);
        JsonNode data = caseOf(id);
        assertThat(data.path("revision").asInt()).isEqualTo(2);
        assertThat(data.path("status").asText()).isEqualTo("accepted");
        assertThat(data.path("sources").get(0).path("sourceVersion").asLong()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT event_type FROM case_event WHERE case_id = ? ORDER BY revision", String.class,
                data.path("caseId").asText()))
                .containsExactly("org.casehub.case.created", "org.casehub.case.updated");
        assertThat(jdbc.queryForObject("SELECT outcome FROM processed_id WHERE idempotency_key = ?", String.class,
                "public-safety:" + id + ":2")).isEqualTo("STALE");
    }

    @Test
    void aRecordOfASteadyTrickleIsStoredWhileTheTrickleGoesOnNotOnceABatchHasFilled() {
        // a record every 50 ms, as a live platform sends them: every poll finds one, so a batch that waits for a poll
        // finding nothing (or for 500 records) would hold the first record until the trickle stops
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(GridEvents.newEventId());
        }
        int sentWhenFirstStored = 0;
        for (int i = 0; i < ids.size(); i++) {
            grid.send(ids.get(i), GridEvents.event(ids.get(i), 1, "HJ-ZS"));
            if (sentWhenFirstStored == 0 && casesOf(ids.subList(0, 1)) == 1) {
                sentWhenFirstStored = i + 1;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());   // the trickle's pace, not a wait for an outcome
        }
        assertThat(sentWhenFirstStored).as("records sent when the first one was stored (0: not before the last)")
                .isPositive();
        await().atMost(PATIENCE).until(() -> casesOf(ids) == ids.size());
    }

    @Test
    void stoppingAndStartingTheFeedMidStreamLosesAndDuplicatesNothing() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(GridEvents.newEventId());
        }
        for (String id : ids.subList(0, 150)) {
            grid.send(id, GridEvents.event(id, 1, "HJ-ZS"));
        }
        await().atMost(PATIENCE).until(() -> casesOf(ids) > 0);
        camel.getRouteController().stopRoute("feed-public-safety");
        for (String id : ids.subList(150, 300)) {
            grid.send(id, GridEvents.event(id, 1, "HJ-ZS"));
        }
        camel.getRouteController().startRoute("feed-public-safety");

        await().atMost(PATIENCE).until(() -> casesOf(ids) == ids.size());
        assertThat(createdEventsOf(ids)).isEqualTo(ids.size());
        await().atMost(PATIENCE).until(() -> publishedEventsOf(ids) == ids.size());
    }

    @Test
    void noUnmaskedIdNumberOrPhoneInEventsLogsOrQuarantine(CapturedOutput output) {
        String id = GridEvents.newEventId();
        String broken = GridEvents.newEventId();
        grid.send(id, GridEvents.event(id, 1, "MD-LL"));
        grid.send(broken, GridEvents.event(broken, 1, "MD-LL").replace("\"status\": \"上报\"", "\"status\": \"挂起\""));
        await().atMost(PATIENCE).until(() -> publishedEventsOf(List.of(id)) == 1);
        await().atMost(PATIENCE).until(() -> !jdbc.queryForList("SELECT id FROM quarantine WHERE record_id = ?", broken).isEmpty());

        String everything = String.join("\n",
                jdbc.queryForList("SELECT event_json FROM case_event", String.class).toString(),
                jdbc.queryForList("SELECT case_json FROM hub_case", String.class).toString(),
                jdbc.queryForList("SELECT canonical_json FROM source_record", String.class).toString(),
                jdbc.queryForList("SELECT reasons FROM quarantine", String.class).toString(),
                output.getAll());
        assertThat(everything).doesNotContain(GridEvents.idNumberOf(id)).doesNotContain(GridEvents.phoneOf(id));
        // letters count as neighbours too: a 64-character hex hash may hold an 18-digit run by chance
        assertThat(everything).doesNotContainPattern("(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])");
        assertThat(everything).doesNotContainPattern("(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])");
        byte[] sealed = jdbc.queryForObject("SELECT payload_sealed FROM source_record WHERE record_id = ?", byte[].class, id);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(GridEvents.idNumberOf(id));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode caseOf(String eventId) {
        return read(jdbc.queryForObject("SELECT c.case_json FROM hub_case c JOIN source_record s ON s.case_id = c.case_id"
                + " WHERE s.feed = 'public-safety' AND s.record_id = ?", String.class, eventId));
    }

    private int caseCount(String eventId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'public-safety' AND record_id = ?",
                Integer.class, eventId);
    }

    private boolean processed(String eventIdAndVersion) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM processed_id WHERE idempotency_key = ?", Integer.class,
                "public-safety:" + eventIdAndVersion) == 1;
    }

    private int casesOf(List<String> ids) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM source_record WHERE feed = 'public-safety' AND record_id IN ("
                + inList(ids) + ")", Integer.class);
    }

    private int createdEventsOf(List<String> ids) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM case_event e JOIN source_record s ON s.case_id = e.case_id"
                + " WHERE e.event_type = 'org.casehub.case.created' AND s.record_id IN (" + inList(ids) + ")", Integer.class);
    }

    /** Events of these records acknowledged by the unified feed's broker. */
    private int publishedEventsOf(List<String> ids) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox o JOIN source_record s ON s.case_id = o.case_id"
                + " WHERE o.destination = 'kafka:casehub.cases' AND o.published_at IS NOT NULL"
                + " AND s.record_id IN (" + inList(ids) + ")", Integer.class);
    }

    private List<Map<String, Object>> quarantinedAfter(long id) {
        return jdbc.queryForList("SELECT stage, reasons, position FROM quarantine WHERE id > ? ORDER BY id", id);
    }

    private static String inList(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    }
}
