package org.casehub.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.camel.CamelContext;
import org.casehub.security.TestClients;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * A fourth feed added to the running hub with files only — a route, a mapping with its code lists, a schema,
 * samples and a registry entry from src/test/resources/feeds/mayor-mailbox — and no Java: 市长信箱 letters
 * dropped as JSON files into a folder.
 */
class FileDropFeedIT extends HubTestSupport {

    private static final Path FEED_FILES = Path.of("src/test/resources/feeds/mayor-mailbox");
    private static final List<String> FILES = List.of("mappings/mayor-mailbox.jsonata", "mappings/codes/mayor-mailbox.topic.json",
            "mappings/codes/mayor-mailbox.status.json", "mappings/samples/mayor-mailbox.jsonl",
            "schemas/feeds/mayor-mailbox.schema.json");
    private static final String ROUTE = "routes/feeds/mayor-mailbox.camel.yaml";

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    private String registry;

    @Test
    void aMayorsMailboxFeedAddedWithFilesOnlyTurnsDroppedLettersIntoCases() throws IOException {
        HubHttp http = new HubHttp(port);
        Path feeds = HOME.resolve("config/feeds.yaml");
        registry = Files.readString(feeds);
        // the registry entry first: the route's records need it to be identified
        HubHttp.writeAtOnce(feeds, registry + Files.readString(FEED_FILES.resolve("config/feeds.entry.yaml")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/api/feeds/mayor-mailbox", TestClients.READER_KEY).statusCode() == 200);
        for (String file : FILES) {
            HubHttp.writeAtOnce(HOME.resolve(file), Files.readString(FEED_FILES.resolve(file)));
        }
        HubHttp.writeAtOnce(HOME.resolve(ROUTE), Files.readString(FEED_FILES.resolve(ROUTE)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "Started".equals(
                HubHttp.json(http.get("/api/feeds/mayor-mailbox", TestClients.READER_KEY)).path("routeStatus").asText()));

        HubHttp.writeAtOnce(HOME.resolve("inbox/mayor-mailbox/letters-1.jsonl"),
                Files.readString(FEED_FILES.resolve("mappings/samples/mayor-mailbox.jsonl")));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM source_record WHERE feed = 'mayor-mailbox'", Integer.class) == 2);
        String caseJson = jdbc.queryForObject("SELECT c.case_json FROM hub_case c JOIN source_record s ON s.case_id = c.case_id"
                + " WHERE s.feed = 'mayor-mailbox' AND s.record_id = 'SZXX-2026-000001'", String.class);
        assertThat(caseJson).contains("\"category\":\"noise\"").contains("\"channel\":\"letter\"")
                .contains("440305").doesNotContain("13800138000");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(HOME.resolve("inbox/mayor-mailbox/.done/letters-1.jsonl")));
        JsonNode status = HubHttp.json(http.get("/api/feeds/mayor-mailbox", TestClients.OPERATOR_KEY));
        assertThat(status.path("transport").asText()).isEqualTo("file");
        assertThat(status.path("name").asText()).isEqualTo("市长信箱 (mayor's mailbox)");
    }

    @AfterEach
    void removeTheFeed() throws Exception {
        if (camel.getRoute("feed-mayor-mailbox") != null) {
            camel.getRouteController().stopRoute("feed-mayor-mailbox");
            camel.removeRoute("feed-mayor-mailbox");
        }
        Files.deleteIfExists(HOME.resolve(ROUTE));
        for (String file : FILES) {
            Files.deleteIfExists(HOME.resolve(file));
        }
        FileSystemUtils.deleteRecursively(HOME.resolve("inbox"));
        if (registry != null) {
            // the entry stays in the running registry (removing one needs a restart); it harms no other feed
            HubHttp.writeAtOnce(HOME.resolve("config/feeds.yaml"), registry);
        }
    }

}
