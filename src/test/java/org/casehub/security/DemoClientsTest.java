package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoClientsTest {

    private static ClientRegistry registry(DemoClients demo) {
        return new ClientRegistry(Map.of("casehub.demo", demo.definitions()), TestNetwork.SCOPES);
    }

    @Test
    void theDemoKeysSignInAsAShenzhenReaderAndAnOperatorWithoutPersonalData() {
        DemoClients demo = new DemoClients(true, new MockEnvironment());
        ClientRegistry registry = registry(demo);

        Client reader = registry.authenticate(demo.key(DemoClients.READER)).orElseThrow();
        assertThat(reader.roles()).containsExactly(Role.READER);
        assertThat(reader.scope().code()).isEqualTo("4403");
        assertThat(reader.personalData()).isFalse();
        Client operator = registry.authenticate(demo.key(DemoClients.OPERATOR)).orElseThrow();
        assertThat(operator.roles()).contains(Role.OPERATOR);
        assertThat(operator.personalData()).isFalse();
    }

    @Test
    void everyStartMakesNewKeys() {
        DemoClients first = new DemoClients(true, new MockEnvironment());
        DemoClients second = new DemoClients(true, new MockEnvironment());

        assertThat(first.key(DemoClients.READER)).isNotEqualTo(second.key(DemoClients.READER)).hasSizeGreaterThan(40);
        assertThat(registry(second).authenticate(first.key(DemoClients.READER))).isEmpty();
    }

    @Test
    void offThereAreNoDemoClients() {
        assertThat(new DemoClients(false, new MockEnvironment()).definitions()).isEmpty();
    }

    @Test
    void theProductionProfileRefusesToStartWithDemoClients() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");

        assertThatIllegalStateException().isThrownBy(() -> new DemoClients(true, production))
                .withMessageContaining("casehub.demo=true").withMessageContaining("production");
    }
}
