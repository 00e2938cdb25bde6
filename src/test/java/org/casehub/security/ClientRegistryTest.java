package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casehub.security.AccessProperties.ClientDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

class ClientRegistryTest {

    private static final String READER_KEY = "reader-key-wJ3kPq8sVx2mLr6T";
    private static final String OPERATOR_KEY = "operator-key-Hc5nYt1bZe9gUa4D";

    @TempDir
    Path directory;

    @Test
    void aKeyIsStoredAsTheLowerCaseHexOfItsSha256AsSha256sumPrintsIt() {
        // printf %s abc | sha256sum
        assertThat(ClientRegistry.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aKeyAuthenticatesItsClientWithRolesScopeAndFlag() {
        ClientRegistry registry = registry(Map.of(
                "nanshan", reader(READER_KEY, "440305"),
                "city-ops", new ClientDefinition("深圳市 运维", ClientRegistry.sha256Hex(OPERATOR_KEY),
                        Set.of(Role.OPERATOR, Role.READER), "4403", true, true)));

        Client operator = registry.authenticate(OPERATOR_KEY).orElseThrow();
        Client reader = registry.authenticate(READER_KEY).orElseThrow();

        assertThat(operator.id()).isEqualTo("city-ops");
        assertThat(operator.getName()).isEqualTo("city-ops");
        assertThat(operator.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.READER);
        assertThat(operator.scope().code()).isEqualTo("4403");
        assertThat(operator.personalData()).isTrue();
        assertThat(reader.id()).isEqualTo("nanshan");
        assertThat(reader.has(Role.OPERATOR)).isFalse();
        assertThat(reader.scope().name()).isEqualTo("南山区");
    }

    @Test
    void aHashInUpperCaseHexIsAcceptedToo() {
        ClientRegistry registry = registry(Map.of("nanshan", new ClientDefinition("南山区",
                ClientRegistry.sha256Hex(READER_KEY).toUpperCase(), Set.of(Role.READER), "440305", false, true)));

        assertThat(registry.authenticate(READER_KEY)).isPresent();
    }

    @Test
    void anUnknownKeyOrAnAlmostRightOneAuthenticatesNoOne() {
        ClientRegistry registry = registry(Map.of("nanshan", reader(READER_KEY, "440305")));

        assertThat(registry.authenticate("someone-else")).isEmpty();
        assertThat(registry.authenticate(READER_KEY + " ")).isEmpty();
        assertThat(registry.authenticate("")).isEmpty();
    }

    @Test
    void theKeyOfADisabledClientAuthenticatesNoOne() {
        ClientRegistry registry = registry(Map.of("nanshan", new ClientDefinition("南山区",
                ClientRegistry.sha256Hex(READER_KEY), Set.of(Role.READER), "440305", false, false)));

        assertThat(registry.authenticate(READER_KEY)).isEmpty();
    }

    @Test
    void everyProblemOfTheClientsIsNamedAtStart() {
        Map<String, ClientDefinition> definitions = new LinkedHashMap<>();
        definitions.put("Bad Id", reader(READER_KEY, "440305"));
        definitions.put("no-name", definition(" ", ClientRegistry.sha256Hex("k1"), Set.of(Role.READER), "44", true));
        definitions.put("plain-key", definition("x", "the-key-itself", Set.of(Role.READER), "44", true));
        definitions.put("no-role", definition("x", ClientRegistry.sha256Hex("k2"), Set.of(), "44", true));
        definitions.put("bad-scope", definition("x", ClientRegistry.sha256Hex("k3"), Set.of(Role.READER), "4403ZZ", true));
        definitions.put("disabled-but-wrong", definition("x", "0", Set.of(Role.READER), "44", false));

        assertThatIllegalStateException().isThrownBy(() -> registry(definitions))
                .withMessageContaining("client id 'Bad Id'")
                .withMessageContaining("client no-name has no name")
                .withMessageContaining("client plain-key: key-sha256 must be")
                .withMessageContaining("client no-role has no role")
                .withMessageContaining("client bad-scope: scope '4403ZZ'")
                .withMessageContaining("client disabled-but-wrong: key-sha256 must be");
    }

    @Test
    void twoEnabledClientsWithOneKeyAreRefused() {
        Map<String, ClientDefinition> definitions = new LinkedHashMap<>();
        definitions.put("first", reader(READER_KEY, "440305"));
        definitions.put("second", reader(READER_KEY, "440304"));

        assertThatIllegalStateException().isThrownBy(() -> registry(definitions))
                .withMessageContaining("clients first and second have the same key");
    }

    @Test
    void extraClientFilesOfTheFormOfClientsYamlAreAdded() throws IOException {
        Path extra = write("extra.yaml", """
                casehub:
                  access:
                    clients:
                      dapeng:
                        name: 大鹏新区 平台
                        key-sha256: %s
                        roles: [reader]
                        scope: 4403DP
                        personal-data: true
                """.formatted(ClientRegistry.sha256Hex(OPERATOR_KEY)));
        AccessProperties properties = properties(Map.of("nanshan", reader(READER_KEY, "440305")), "file:" + extra);

        ClientRegistry registry = new ClientRegistry(properties, TestNetwork.SCOPES, new DefaultResourceLoader(), new DemoClients(false, new MockEnvironment()));

        assertThat(registry.authenticate(READER_KEY)).map(Client::id).contains("nanshan");
        Client dapeng = registry.authenticate(OPERATOR_KEY).orElseThrow();
        assertThat(dapeng.scope().kind()).isEqualTo("zone");
        assertThat(dapeng.roles()).containsExactly(Role.READER);
        assertThat(dapeng.personalData()).isTrue();
    }

    @Test
    void aClientDefinedTwiceIsRefusedNamingBothPlaces() throws IOException {
        Path extra = write("extra.yaml", """
                casehub.access.clients.nanshan:
                  name: 南山区 again
                  key-sha256: %s
                  roles: [reader]
                  scope: "440305"
                """.formatted(ClientRegistry.sha256Hex(OPERATOR_KEY)));
        AccessProperties properties = properties(Map.of("nanshan", reader(READER_KEY, "440305")), "file:" + extra);

        assertThatIllegalStateException()
                .isThrownBy(() -> new ClientRegistry(properties, TestNetwork.SCOPES, new DefaultResourceLoader(), new DemoClients(false, new MockEnvironment())))
                .withMessageContaining("client nanshan of file:" + extra + " is already defined in casehub.access.clients");
    }

    @Test
    void aMissingExtraClientFileStopsTheStart() {
        AccessProperties properties = properties(Map.of(), "file:" + directory.resolve("missing.yaml"));

        assertThatIllegalStateException()
                .isThrownBy(() -> new ClientRegistry(properties, TestNetwork.SCOPES, new DefaultResourceLoader(), new DemoClients(false, new MockEnvironment())))
                .withMessageContaining("does not exist");
    }

    @Test
    void theShippedClientsYamlIsValidAndEnablesNoClient() {
        AccessProperties properties = properties(Map.of(), "file:config/clients.yaml");

        ClientRegistry registry = new ClientRegistry(properties, TestNetwork.SCOPES, new DefaultResourceLoader(), new DemoClients(false, new MockEnvironment()));

        assertThat(registry.authenticate("")).isEmpty();
        assertThat(registry.authenticate("0".repeat(64))).isEmpty();
    }

    private static ClientDefinition definition(String name, String keySha256, Set<Role> roles, String scope,
            boolean enabled) {
        return new ClientDefinition(name, keySha256, roles, scope, false, enabled);
    }

    private static ClientDefinition reader(String key, String scope) {
        return new ClientDefinition("客户端 " + scope, ClientRegistry.sha256Hex(key), Set.of(Role.READER), scope, false, true);
    }

    private static ClientRegistry registry(Map<String, ClientDefinition> definitions) {
        return new ClientRegistry(Map.of(ClientRegistry.CONFIGURED, definitions), TestNetwork.SCOPES);
    }

    private static AccessProperties properties(Map<String, ClientDefinition> clients, String extraFile) {
        return new AccessProperties(clients, List.of(extraFile), null,
                new AccessProperties.Audit(AuditRetention.MINIMUM, "0 30 3 * * *", ZoneId.of("Asia/Shanghai")));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
