package org.casehub.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.casehub.support.HubHttp;
import org.casehub.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running hub serves both API documents without a key, bundled (the JSON Schemas copied in), and the OpenAPI
 * document lists exactly the REST verbs its Camel context serves.
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

    private JsonNode openWithoutKey(String path) {
        HttpResponse<String> response = new HubHttp(port).send("GET", path, Map.of(), HttpRequest.BodyPublishers.noBody());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return HubHttp.json(response);
    }
}
