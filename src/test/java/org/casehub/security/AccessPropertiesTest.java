package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AccessPropertiesTest {

    static AccessProperties defaults() {
        return bind(Map.of());
    }

    @Test
    void defaultsKeepNoClientAndTheAuditTrailSixMonths() {
        AccessProperties defaults = defaults();

        assertThat(defaults.clients()).isEmpty();
        assertThat(defaults.extraClientFiles()).isEmpty();
        assertThat(defaults.webhookSecret()).isNull();
        assertThat(defaults.audit().purgeCron()).isEqualTo("0 30 3 * * *");
        assertThat(defaults.audit().purgeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void clientsBindAsConfigClientsYamlWritesThem() {
        AccessProperties properties = bind(Map.of(
                "casehub.access.clients.nanshan.name", "南山区",
                "casehub.access.clients.nanshan.key-sha256", "ab".repeat(32),
                "casehub.access.clients.nanshan.roles", "reader,operator",
                "casehub.access.clients.nanshan.scope", "440305",
                "casehub.access.extra-client-files", "classpath:a.yaml,file:b.yaml",
                "casehub.access.audit.retention", "P1Y"));

        AccessProperties.ClientDefinition nanshan = properties.clients().get("nanshan");
        assertThat(nanshan.roles()).containsExactlyInAnyOrder(Role.READER, Role.OPERATOR);
        assertThat(nanshan.personalData()).isFalse();
        assertThat(nanshan.enabled()).isTrue();
        assertThat(properties.extraClientFiles()).containsExactly("classpath:a.yaml", "file:b.yaml");
        assertThat(properties.audit().retention().toTotalMonths()).isEqualTo(12);
    }

    @Test
    void theWebhookSecretNeverAppearsInTheDescription() {
        AccessProperties properties = bind(Map.of("casehub.access.webhook-secret", "a-webhook-secret-for-tests"));

        assertThat(properties.toString()).doesNotContain("a-webhook-secret-for-tests").contains("(redacted)");
    }

    private static AccessProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("casehub.access", AccessProperties.class);
    }
}
