package org.casehub.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.casehub.security.AccessProperties.ClientDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Two API clients for trying the hub in its first minute ({@code casehub.demo=true}, embedded default only): a
 * reader of the city of Shenzhen and an operator, each with a key generated anew at every start and printed in the
 * log once the server listens, with a first call to copy. Nothing is written to {@code config/clients.yaml}. The
 * production profile refuses to start with it: a key printed in a log is no credential for real data.
 */
@Component
public class DemoClients {

    private static final Logger log = LoggerFactory.getLogger(DemoClients.class);

    static final String READER = "demo-city-reader";
    static final String OPERATOR = "demo-operator";
    private static final String CITY = "4403";

    private final Map<String, String> keys = new LinkedHashMap<>();

    public DemoClients(@Value("${casehub.demo}") boolean demo, Environment environment) {
        if (!demo) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            throw new IllegalStateException("casehub.demo=true is for the embedded default only: remove it from the"
                    + " production profile's configuration and give clients keys in config/clients.yaml");
        }
        SecureRandom random = new SecureRandom();
        for (String id : new String[] {READER, OPERATOR}) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            keys.put(id, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        }
    }

    /** The demo clients' definitions, as {@link ClientRegistry} reads them from a client file; none when off. */
    Map<String, ClientDefinition> definitions() {
        Map<String, ClientDefinition> definitions = new LinkedHashMap<>();
        if (keys.containsKey(READER)) {
            definitions.put(READER, new ClientDefinition("深圳市 demo reader (casehub.demo)",
                    ClientRegistry.sha256Hex(keys.get(READER)), Set.of(Role.READER), CITY, false, true));
            definitions.put(OPERATOR, new ClientDefinition("深圳市 demo operator (casehub.demo)",
                    ClientRegistry.sha256Hex(keys.get(OPERATOR)), Set.of(Role.READER, Role.OPERATOR), CITY, false, true));
        }
        return definitions;
    }

    /** The generated key of a demo client (tests call the API with it). */
    String key(String id) {
        return keys.get(id);
    }

    @EventListener
    void printKeys(WebServerInitializedEvent event) {
        if (keys.isEmpty() || event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        String base = "http://localhost:" + event.getWebServer().getPort();
        log.warn("""
                casehub.demo=true: two API clients for this run only (new keys at every start; never in production)
                  {} (reader, scope {}):   X-Api-Key: {}
                  {} (operator, scope {}):     X-Api-Key: {}
                  try:  curl -H 'X-Api-Key: {}' '{}/api/cases?limit=5'
                        curl -H 'X-Api-Key: {}' {}/api/feeds""",
                READER, CITY, keys.get(READER), OPERATOR, CITY, keys.get(OPERATOR),
                keys.get(READER), base, keys.get(OPERATOR), base);
    }
}
