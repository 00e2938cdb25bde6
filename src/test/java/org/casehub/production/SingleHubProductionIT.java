package org.casehub.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSSecurityException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.casehub.security.TestClients;
import org.casehub.support.GridEvents;
import org.casehub.support.Revisions;
import org.casehub.support.UnifiedFeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub on its production profile, configured as README's runbook says, against an Artemis that requires
 * a login, Kafka in its own JVM, PostgreSQL with an owner and an application role, the 12345 platform and the
 * provincial exchange database: what an operator sees on the first day.
 */
@Tag("production")
class SingleHubProductionIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An 18-character resident ID number or an 11-digit mobile, standing alone: what must never reach a log. */
    private static final Pattern UNMASKED = Pattern.compile("(?<![\\dA-Za-z])(\\d{17}[\\dXx]|1[3-9]\\d{9})(?![\\dA-Za-z])");

    private static ProductionServices services;

    @BeforeAll
    static void startServices() {
        services = ProductionServices.start("""
                <security-setting match="casehub.nothing.#"><permission type="send" roles="casehub-limited"/></security-setting>
                """, new String[] {"casehub-limited = limited-suite", "casehub-limited = casehub-limited"});
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void contractSamplesOfAllThreeFeedsBecomeCasesOnTheFeedAndInTheirUnitsQueueReadByTheUnitsOwnUser() throws Exception {
        services.offerLivelihoodSamples();
        try (HubProcess hub = HubProcess.start("hub", services.folder, services.hubEnvironment(true)).awaitReady();
             GridEvents grid = new GridEvents(services.kafka.bootstrap())) {
            grid.sendAll(Files.readAllLines(Path.of("src/test/resources/contracts/public-safety.sample.jsonl"),
                    StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList());
            Map<String, String> truth = truth();

            try (Connection index = services.index()) {
                // other tests of this class may have indexed records of their own: count the samples only
                java.sql.Array samples = index.createArrayOf("varchar", truth.keySet().toArray());
                await("every sample indexed").atMost(PATIENCE).until(() -> IndexQueries.count(index,
                        "SELECT COUNT(*) FROM source_record WHERE feed || ':' || record_id = ANY (?)", samples) == truth.size());
                Map<String, String> caseOf = new HashMap<>();
                for (String record : truth.keySet()) {
                    caseOf.put(record, IndexQueries.strings(index, "SELECT case_id FROM source_record WHERE"
                            + " feed || ':' || record_id = ?", record).get(0));
                }
                for (String one : truth.keySet()) {
                    for (String other : truth.keySet()) {
                        assertThat(caseOf.get(one).equals(caseOf.get(other))).as("%s and %s share a case", one, other)
                                .isEqualTo(truth.get(one).equals(truth.get(other)));
                    }
                }

                // the cases' revisions; notices about them (issue 22: <revision>.m1, .g) go to their Artemis addresses only
                List<String> events = IndexQueries.strings(index,
                        "SELECT event_id FROM case_event WHERE " + Revisions.ONLY);
                try (UnifiedFeed feed = new UnifiedFeed(services.kafka.bootstrap())) {
                    await("every event on casehub.cases").atMost(PATIENCE)
                            .until(() -> feed.poll().stream().map(r -> eventId(r)).distinct().count() == events.size());
                    for (ConsumerRecord<String, String> record : feed.poll()) {
                        JsonNode event = JSON.readTree(record.value());
                        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
                        assertThat(event.path("subject").asText()).isEqualTo(record.key());
                        assertThat(UnifiedFeed.header(record, "content-type"))
                                .isEqualTo("application/cloudevents+json; charset=UTF-8");
                    }
                    assertThat(feed.poll().stream().map(SingleHubProductionIT::eventId).toList())
                            .containsExactlyInAnyOrderElementsOf(events);
                }

                String unit = ArtemisBroker.UNIT;
                List<String> forUnit = FeedEvidence.revisionsForUnit(index, unit);
                assertThat(forUnit).as("the samples place cases in community %s", unit).isNotEmpty();
                await("every outbox row sent").atMost(PATIENCE).until(() -> IndexQueries.count(index,
                        "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL") == 0);
                assertThat(UnitQueue.drain(services.artemis.url(), ArtemisBroker.UNIT_USER, ArtemisBroker.UNIT_PASSWORD, unit))
                        .containsExactlyInAnyOrderElementsOf(forUnit);
                assertThatThrownBy(() -> UnitQueue.open(services.artemis.url(), ArtemisBroker.UNIT_USER,
                        ArtemisBroker.UNIT_PASSWORD, "440305")).as("another unit's queue")
                        .isInstanceOf(JMSSecurityException.class);

                // the unit's system reports on casehub.progress as its own user: for itself it is taken, for its
                // district it is not (quarantined with the reason), whatever the message says
                String reported = IndexQueries.strings(index, "SELECT case_id FROM hub_case WHERE division_code = ?"
                        + " AND merged_into IS NULL ORDER BY case_id", unit).get(0);
                UnitQueue.report(services.artemis.url(), ArtemisBroker.UNIT_USER, ArtemisBroker.UNIT_PASSWORD,
                        "{\"caseId\": \"" + reported + "\", \"resultId\": \"PROD-1\", \"unit\": \"" + unit + "\","
                                + " \"state\": \"受理\", \"time\": \"2026-12-05 09:30:00\"}");
                UnitQueue.report(services.artemis.url(), ArtemisBroker.UNIT_USER, ArtemisBroker.UNIT_PASSWORD,
                        "{\"caseId\": \"" + reported + "\", \"resultId\": \"PROD-2\", \"unit\": \"440305\","
                                + " \"state\": \"办结\", \"time\": \"2026-12-05 10:30:00\"}");
                await("the unit's own report taken").atMost(PATIENCE).until(() -> IndexQueries.strings(index,
                        "SELECT status FROM hub_case WHERE case_id = ?", reported).equals(List.of("accepted")));
                await("a report for another unit quarantined").atMost(PATIENCE).until(() -> IndexQueries.count(index,
                        "SELECT COUNT(*) FROM quarantine WHERE feed = 'unit-progress' AND reasons LIKE ?",
                        "%" + ArtemisBroker.UNIT_USER + " may not report for unit 440305%") == 1);
                // replayed, it still comes from the user the broker validated: refused again, still open
                String refused = IndexQueries.strings(index, "SELECT CAST(id AS VARCHAR(20)) FROM quarantine"
                        + " WHERE feed = 'unit-progress'").get(0);
                HttpResponse<String> replay = hub.http().post("/api/quarantine/" + refused + "/replay",
                        Map.of("X-Api-Key", TestClients.OPERATOR_KEY), "");
                assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
                assertThat(JSON.readTree(replay.body()).path("state").asText()).isEqualTo("open");
                assertThat(replay.body()).contains(ArtemisBroker.UNIT_USER + " may not report for unit 440305");
                assertThat(IndexQueries.count(index, "SELECT COUNT(*) FROM case_progress WHERE result_id = 'PROD-2'"))
                        .isZero();
            }

            try (Connection exchange = services.exchange()) {
                assertThat(IndexQueries.strings(exchange, "SELECT CLBZ FROM XF_JBXX_EXCHANGE")).containsOnly("1");
            }
            String answer = hub.get("/actuator/health", null, Duration.ofSeconds(5)).body();
            JsonNode health = JSON.readTree(answer);
            assertThat(health.path("status").asText()).as("%s%n%s", answer, hub.logTail()).isEqualTo("UP");
            // the broker's disk, asked through its management address: the runbook's "manage" grant suffices
            assertThat(health.path("components").path("artemisStorage").path("status").asText()).isEqualTo("UP");
            assertNoUnmaskedPersonalData(hub.log());
        }
    }

    @Test
    void withoutThe12345PlatformAndTheExchangeDatabaseTheGridFeedRunsAloneAndTheOthersAreNotConfigured() throws Exception {
        try (HubProcess hub = HubProcess.start("hub-grid-only", services.folder, services.hubEnvironment(false)).awaitReady();
             GridEvents grid = new GridEvents(services.kafka.bootstrap())) {
            String eventId = GridEvents.newEventId();
            grid.send(eventId, GridEvents.event(eventId, 1, "MD-LL"));
            try (Connection index = services.index()) {
                await("the grid event indexed").atMost(PATIENCE).until(() -> IndexQueries.count(index,
                        "SELECT COUNT(*) FROM source_record WHERE feed = 'public-safety' AND record_id = ?", eventId) == 1);
            }
            // the feeds' states are computed in the background every casehub.ops.refresh (2 s): health says UP once
            // the grid feed's state has caught up with its first record
            await("health UP").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    hub.get("/actuator/health", null, Duration.ofSeconds(5)).body().startsWith("{\"status\":\"UP\""));
            await("the feeds' states").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode feeds = JSON.readTree(hub.get("/api/feeds", TestClients.READER_KEY, Duration.ofSeconds(5)).body());
                Map<String, String> states = new HashMap<>();
                feeds.path("feeds").forEach(f -> states.put(f.path("id").asText(), f.path("state").asText()));
                assertThat(states).containsEntry("livelihood", "not configured")
                        .containsEntry("provincial-petition", "not configured").containsEntry("public-safety", "flowing");
            });
            assertNoUnmaskedPersonalData(hub.log());
        }
    }

    @Test
    void aHubUserLackingAPermissionIsToldWhichPermissionOnWhichAddressAtStart() throws Exception {
        Map<String, String> environment = services.hubEnvironment(true);
        environment.put("CASEHUB_ARTEMIS_USER", "casehub-limited");
        environment.put("CASEHUB_ARTEMIS_PASSWORD", "limited-suite");
        try (HubProcess hub = HubProcess.start("hub-limited", services.folder, environment)) {
            assertThat(hub.awaitEnd()).as("the hub refuses to start").isNotZero();
            String log = hub.log();
            assertThat(log).containsPattern("(createAddress|createDurableQueue|send)")
                    .contains("casehub.unit.").contains("casehub-limited");
            assertThat(log).doesNotContain("AMQ229031");
        }
    }

    private static String eventId(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** feed:recordId → the truth's case key (samples.truth.csv). */
    private static Map<String, String> truth() throws IOException {
        Map<String, String> truth = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/contracts/samples.truth.csv")).subList(1,
                Files.readAllLines(Path.of("src/test/resources/contracts/samples.truth.csv")).size())) {
            String[] cells = line.split(",");
            truth.put(cells[0] + ":" + cells[1], cells[2]);
        }
        return truth;
    }

    static void assertNoUnmaskedPersonalData(String log) {
        List<String> found = new ArrayList<>();
        Matcher m = UNMASKED.matcher(log);
        while (m.find()) {
            found.add(m.group());
        }
        assertThat(found).as("unmasked ID numbers or phones in the hub's log").isEmpty();
    }
}
