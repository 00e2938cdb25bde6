package org.casehub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.casehub.security.AccessProperties.ClientDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The API clients of {@code config/clients.yaml} (and of {@code casehub.access.extra-client-files}), checked
 * at start-up: a bad id, key hash, role or scope stops the hub with every problem named. Finds the client
 * of a presented API key by the key's SHA-256, which suits keys of high entropy such as 32 random bytes.
 */
@Component
public class ClientRegistry {

    private static final Logger log = LoggerFactory.getLogger(ClientRegistry.class);

    static final String CONFIGURED = "casehub.access.clients";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern KEY_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private record Entry(byte[] keySha256, Client client) {
    }

    private final List<Entry> enabled;

    @Autowired
    ClientRegistry(AccessProperties properties, DivisionScopes scopes, ResourceLoader resources, DemoClients demo) {
        this(definitionsByOrigin(properties, resources, demo), scopes);
    }

    /**
     * @param definitionsByOrigin where the definitions come from (for messages) → client id → definition
     */
    ClientRegistry(Map<String, Map<String, ClientDefinition>> definitionsByOrigin, DivisionScopes scopes) {
        List<String> problems = new ArrayList<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        definitionsByOrigin.forEach((origin, definitions) -> definitions.forEach((id, definition) -> {
            String earlier = origins.putIfAbsent(id, origin);
            if (earlier != null) {
                problems.add("client " + id + " of " + origin + " is already defined in " + earlier);
                return;
            }
            Client client = checked(id, definition, scopes, problems);
            if (client == null) {
                return;
            }
            if (!definition.enabled()) {
                disabled.add(id);
                return;
            }
            byte[] keySha256 = HexFormat.of().parseHex(definition.keySha256().toLowerCase(Locale.ROOT));
            entries.stream().filter(e -> MessageDigest.isEqual(e.keySha256(), keySha256)).findFirst().ifPresent(e ->
                    problems.add("clients " + e.client().id() + " and " + id + " have the same key"));
            entries.add(new Entry(keySha256, client));
        }));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid API clients: " + String.join("; ", problems));
        }
        this.enabled = List.copyOf(entries);
        log.info("API clients: {} enabled {}, {} disabled {}", enabled.size(),
                enabled.stream().map(e -> e.client().id()).toList(), disabled.size(), disabled);
    }

    /** The enabled client whose key this is. */
    public Optional<Client> authenticate(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        Client match = null;
        // Every entry is compared, each in constant time, so the time taken tells nothing about the keys.
        for (Entry entry : enabled) {
            if (MessageDigest.isEqual(entry.keySha256(), presented)) {
                match = entry.client();
            }
        }
        return Optional.ofNullable(match);
    }

    /** What {@code key-sha256} holds for a key: the lower-case hex SHA-256 of its UTF-8 bytes. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Client checked(String id, ClientDefinition definition, DivisionScopes scopes, List<String> problems) {
        int before = problems.size();
        if (!ID.matcher(id).matches()) {
            problems.add("client id '" + id + "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (definition.name() == null || definition.name().isBlank()) {
            problems.add("client " + id + " has no name");
        }
        if (definition.keySha256() == null || !KEY_SHA256.matcher(definition.keySha256()).matches()) {
            problems.add("client " + id + ": key-sha256 must be the 64 hex characters of the key's SHA-256");
        }
        if (definition.roles().isEmpty()) {
            problems.add("client " + id + " has no role (reader, operator, unit)");
        }
        DivisionScope scope = null;
        try {
            scope = scopes.resolve(definition.scope());
        } catch (IllegalArgumentException e) {
            problems.add("client " + id + ": " + e.getMessage());
        }
        return problems.size() > before ? null
                : new Client(id, definition.name().strip(), definition.roles(), scope, definition.personalData());
    }

    private static Map<String, Map<String, ClientDefinition>> definitionsByOrigin(AccessProperties properties,
            ResourceLoader resources, DemoClients demo) {
        Map<String, Map<String, ClientDefinition>> byOrigin = new LinkedHashMap<>();
        byOrigin.put(CONFIGURED, properties.clients());
        for (String location : properties.extraClientFiles()) {
            byOrigin.put(location, read(resources.getResource(location)));
        }
        byOrigin.put("casehub.demo", demo.definitions());
        return byOrigin;
    }

    private static Map<String, ClientDefinition> read(Resource file) {
        if (!file.exists()) {
            throw new IllegalStateException("the client file " + file.getDescription() + " does not exist");
        }
        try {
            Binder binder = new Binder(ConfigurationPropertySources.from(
                    new YamlPropertySourceLoader().load(file.getDescription(), file)));
            return binder.bind(CONFIGURED, Bindable.mapOf(String.class, ClientDefinition.class)).orElse(Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client file " + file.getDescription(), e);
        }
    }
}
