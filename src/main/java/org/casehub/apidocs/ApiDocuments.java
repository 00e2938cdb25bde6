package org.casehub.apidocs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.home.CasehubHome;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the API documents kept in the home folder: the HTTP API (schemas/openapi.yaml, OpenAPI 3.1) at
 * {@value #OPENAPI} and the event interfaces (schemas/asyncapi.yaml, AsyncAPI 3.0) at {@value #ASYNCAPI}, each
 * bundled into one JSON document once at start. Written by hand rather than generated from the REST DSL, because the
 * routes' beans answer maps, not typed classes, so a generator finds no schemas; ApiDocumentsTest keeps the
 * document and the routes' verbs in step. Open without a key, like the status summary: they describe, they hold no data.
 */
@RestController
public class ApiDocuments {

    public static final String OPENAPI = "/api/openapi.json";
    public static final String ASYNCAPI = "/api/asyncapi.json";
    static final String OPENAPI_SOURCE = "schemas/openapi.yaml";
    static final String ASYNCAPI_SOURCE = "schemas/asyncapi.yaml";

    private final byte[] openApi;
    private final byte[] asyncApi;

    public ApiDocuments(CasehubHome home, ObjectMapper json) throws JsonProcessingException {
        this.openApi = json.writeValueAsBytes(DocumentBundle.bundle(OPENAPI_SOURCE, home::read, json));
        this.asyncApi = json.writeValueAsBytes(DocumentBundle.bundle(ASYNCAPI_SOURCE, home::read, json));
    }

    @GetMapping(path = OPENAPI, produces = MediaType.APPLICATION_JSON_VALUE)
    public byte[] openApi() {
        return openApi;
    }

    @GetMapping(path = ASYNCAPI, produces = MediaType.APPLICATION_JSON_VALUE)
    public byte[] asyncApi() {
        return asyncApi;
    }
}
