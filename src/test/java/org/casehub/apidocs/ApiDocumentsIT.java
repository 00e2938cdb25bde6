package org.casehub.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.casehub.security.TestClients;
import org.casehub.support.FakeWorkOrderPlatform;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running hub serves both API documents without a key, bundled (the JSON Schemas copied in); the OpenAPI
 * document lists exactly the REST verbs its Camel context serves, and real answers have the shapes it documents.
 */
class ApiDocumentsIT extends HubTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Test
    void theOpenApiDocumentIsServedWithoutAKeyAndListsExactlyTheServedRestVerbs() {
        JsonNode document = openWithoutKey(ApiDocuments.OPENAPI);

        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/components/schemas/Case/properties/caseId").isObject()).isTrue();
        Set<String> served = new TreeSet<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                served.add(RestVerbs.of(verb.asVerb(), rest.getPath(), verb.getPath()));
            }
        }
        assertThat(RestVerbs.documented(document)).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void theAsyncApiDocumentIsServedWithoutAKeyAndNamesTheFeedAndTheUnitAddresses() {
        JsonNode document = openWithoutKey(ApiDocuments.ASYNCAPI);

        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.at("/channels/caseFeed/address").asText()).isEqualTo("casehub.cases");
        assertThat(document.at("/channels/unitAddress/address").asText()).isEqualTo("casehub.unit.{unitCode}");
        assertThat(document.at("/components/schemas/CaseEvent/properties/data/allOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/Case");
    }

    @Test
    void realAnswersHaveTheShapesTheOpenApiDocumentGivesThem() {
        OpenApiResponses documented = new OpenApiResponses(openWithoutKey(ApiDocuments.OPENAPI));
        HubHttp http = new HubHttp(port);
        String orderNo = "GD12345-20261205-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String order = FakeWorkOrderPlatform.order(orderNo, "2026-12-05 10:15:00", "已派单").toString();

        HttpResponse<String> pushed = http.post("/ingest/livelihood", webhookHeaders(), order);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
        documented.assertConforms("POST", "/ingest/livelihood", 202, HubHttp.json(pushed));

        JsonNode detail = answer(documented, http, "GET", "/api/sources/{feed}/{recordId}", "/api/sources/livelihood/" + orderNo,
                TestClients.READER_KEY, 200);
        String caseId = detail.at("/case/caseId").asText();
        assertThat(caseId).isNotEmpty();
        answer(documented, http, "GET", "/api/cases/{id}", "/api/cases/" + caseId, TestClients.READER_KEY, 200);
        answer(documented, http, "GET", "/api/cases/{id}/events", "/api/cases/" + caseId + "/events", TestClients.READER_KEY, 200);
        answer(documented, http, "GET", "/api/cases", "/api/cases?feed=livelihood&limit=5", TestClients.READER_KEY, 200);
        answer(documented, http, "GET", "/api/cases/{id}", "/api/cases/NO-SUCH-CASE", TestClients.READER_KEY, 404);
        answer(documented, http, "GET", "/api/cases", "/api/cases?limit=nonsense", TestClients.READER_KEY, 400);
        answer(documented, http, "GET", "/api/audit", "/api/audit?size=5", TestClients.READER_KEY, 403);
        answer(documented, http, "GET", "/api/me", "/api/me", "not-a-key-of-any-client", 401);
        answer(documented, http, "GET", "/api/me", "/api/me", TestClients.READER_KEY, 200);
        answer(documented, http, "GET", "/api/audit", "/api/audit?size=5", TestClients.OPERATOR_KEY, 200);
        answer(documented, http, "GET", "/api/feeds", "/api/feeds", TestClients.READER_KEY, 200);
        answer(documented, http, "GET", "/api/feeds/{id}", "/api/feeds/livelihood", TestClients.READER_KEY, 200);
        answer(documented, http, "GET", "/api/dedup/reviews", "/api/dedup/reviews", TestClients.OPERATOR_KEY, 200);
        answer(documented, http, "GET", "/api/quarantine", "/api/quarantine?limit=5", TestClients.OPERATOR_KEY, 200);
        answer(documented, http, "GET", "/open311/v2/services.json", "/open311/v2/services.json", TestClients.READER_KEY, 200);
        answer(documented, http, "GET", "/open311/v2/requests.json", "/open311/v2/requests.json?service_request_id=" + caseId,
                TestClients.READER_KEY, 200);
        answer(documented, http, "GET", "/open311/v2/requests/{request}", "/open311/v2/requests/NO-SUCH-CASE.json",
                TestClients.READER_KEY, 404);
        HttpResponse<String> dryRun = http.post("/api/feeds/livelihood/dry-run",
                Map.of("X-Api-Key", TestClients.READER_KEY, "Content-Type", "application/json"), "[" + order + "]");
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        documented.assertConforms("POST", "/api/feeds/{id}/dry-run", 200, HubHttp.json(dryRun));
        HttpResponse<String> status = http.send("GET", "/status.json", Map.of(), HttpRequest.BodyPublishers.noBody());
        documented.assertConforms("GET", "/status.json", 200, HubHttp.json(status));
    }

    private static JsonNode answer(OpenApiResponses documented, HubHttp http, String method, String template, String path,
            String key, int status) {
        HttpResponse<String> response = http.send(method, path, Map.of("X-Api-Key", key), HttpRequest.BodyPublishers.noBody());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        JsonNode body = HubHttp.json(response);
        documented.assertConforms(method, template, status, body);
        return body;
    }

    private JsonNode openWithoutKey(String path) {
        HttpResponse<String> response = new HubHttp(port).send("GET", path, Map.of(), HttpRequest.BodyPublishers.noBody());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return HubHttp.json(response);
    }
}
