package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSecretTest {

    private static final String SECRET = "a-webhook-secret-of-the-12345-platform";

    @TempDir
    Path keys;

    @Test
    void theConfiguredSecretMatchesItselfOnly() {
        WebhookSecret secret = new WebhookSecret(SECRET, keys, true);

        assertThat(secret.matches(SECRET)).isTrue();
        assertThat(secret.matches(SECRET.substring(1))).isFalse();
        assertThat(secret.matches(SECRET + "x")).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
        assertThat(keys.resolve(WebhookSecret.FILE_NAME)).doesNotExist();
    }

    @Test
    void withoutConfigurationASecretIsGeneratedOwnerOnlyAndKeptForTheNextStart() throws IOException {
        new WebhookSecret(null, keys, true);
        Path file = keys.resolve(WebhookSecret.FILE_NAME);
        String generated = Files.readString(file).strip();

        WebhookSecret afterRestart = new WebhookSecret("", keys, false);

        assertThat(generated).hasSizeGreaterThanOrEqualTo(43);
        assertThat(afterRestart.matches(generated)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void withoutSecretAndWithoutGenerationTheStartFailsNamingTheVariable() {
        assertThatIllegalStateException().isThrownBy(() -> new WebhookSecret(" ", keys, false))
                .withMessageContaining("CASEHUB_WEBHOOK_SECRET");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> new WebhookSecret("too-short", keys, true))
                .withMessageContaining("at least 16 characters");
    }
}
