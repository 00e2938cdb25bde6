package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class PiiWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PiiProperties.class)
    @Import({PiiKeys.class, PiiCipher.class, KeyedHasher.class})
    static class PiiConfiguration {
    }

    @TempDir
    Path keyDirectory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(PiiConfiguration.class)
                .withPropertyValues("casehub.pii.key-directory=" + keyDirectory);
    }

    @Test
    void defaultsKeepGeneratedKeysInDataKeys() {
        PiiProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("casehub.pii", PiiProperties.class);

        assertThat(defaults.keyDirectory()).isEqualTo(Path.of("data", "keys"));
        assertThat(defaults.generateMissing()).isTrue();
        assertThat(defaults.previousKeys()).isEmpty();
        assertThat(defaults.key()).isNull();
        assertThat(defaults.hashKey()).isNull();
    }

    @Test
    void componentsStartWithGeneratedKeys() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            PiiCipher cipher = context.getBean(PiiCipher.class);
            assertThat(cipher.openText(cipher.sealText("张三"))).isEqualTo("张三");
            assertThat(keyDirectory.resolve("pii.key")).isRegularFile();
            assertThat(keyDirectory.resolve("hash.key")).isRegularFile();
        });
    }

    @Test
    void keysAndPreviousKeysBindFromProperties() {
        String oldKey = TestKeys.randomAesKey();
        PiiCipher beforeRotation = TestKeys.cipher(oldKey, Map.of(), keyDirectory);
        byte[] sealed = beforeRotation.sealText("张三");

        runner().withPropertyValues("casehub.pii.key=" + TestKeys.randomAesKey(), "casehub.pii.key-id=2025-q4",
                        "casehub.pii.previous-keys." + beforeRotation.currentKeyId() + "=" + oldKey,
                        "casehub.pii.hash-key=" + TestKeys.HASH_KEY)
                .run(context -> {
                    PiiCipher cipher = context.getBean(PiiCipher.class);
                    assertThat(cipher.currentKeyId()).isEqualTo("2025-q4");
                    assertThat(cipher.openText(sealed)).isEqualTo("张三");
                    assertThat(keyDirectory).isEmptyDirectory();
                });
    }

    @Test
    void theProductionProfilesEmptySuiteSettingsMeanAesAndNoHashesToMove() {
        runner().withPropertyValues("casehub.pii.suite=", "casehub.pii.previous-hash-key=", "casehub.pii.previous-hash-suite=")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PiiCipher.class).currentKeyId()).doesNotStartWith("sm4.");
                    assertThat(context.getBean(KeyedHasher.class).previous()).isNull();
                });
    }

    @Test
    void theSm4SuiteAndAnSm4PreviousKeyBindFromProperties() {
        String oldKey = TestKeys.randomKey(CipherSuite.SM4);
        PiiCipher before = new PiiCipher(new PiiKeys(TestKeys.configured(CipherSuite.SM4, oldKey, Map.of(), null, keyDirectory)));
        byte[] sealed = before.sealText("张三");

        runner().withPropertyValues("casehub.pii.suite=sm4", "casehub.pii.key=" + TestKeys.randomKey(CipherSuite.SM4),
                        "casehub.pii.previous-keys.[" + before.currentKeyId() + "]=" + oldKey,
                        "casehub.pii.hash-key=" + TestKeys.HASH_KEY, "casehub.pii.previous-hash-suite=aes")
                .run(context -> {
                    PiiCipher cipher = context.getBean(PiiCipher.class);
                    assertThat(cipher.currentKeyId()).startsWith("sm4.").isNotEqualTo(before.currentKeyId());
                    assertThat(cipher.openText(sealed)).isEqualTo("张三");
                    assertThat(context.getBean(KeyedHasher.class).previous().keyId()).startsWith("hmac-sha256.");
                });
    }

    @Test
    void hashKeyComesFromCasehubHashKeyWhenNotConfigured() {
        String secret = "hash-key-from-the-environment";
        KeyedHasher expected = new KeyedHasher(new PiiKeys(
                new PiiProperties(TestKeys.randomAesKey(), null, null, secret, keyDirectory, false)));

        runner().withPropertyValues("CASEHUB_HASH_KEY=" + secret)
                .run(context -> {
                    assertThat(context.getBean(KeyedHasher.class).phone("13812341234"))
                            .isEqualTo(expected.phone("13812341234"));
                    assertThat(keyDirectory.resolve("hash.key")).doesNotExist();
                });
    }

    @Test
    void configuredHashKeyWinsOverCasehubHashKey() {
        KeyedHasher expected = new KeyedHasher(new PiiKeys(
                new PiiProperties(TestKeys.randomAesKey(), null, null, TestKeys.HASH_KEY, keyDirectory, false)));

        runner().withPropertyValues("casehub.pii.hash-key=" + TestKeys.HASH_KEY,
                        "CASEHUB_HASH_KEY=hash-key-from-the-environment")
                .run(context -> assertThat(context.getBean(KeyedHasher.class).phone("13812341234"))
                        .isEqualTo(expected.phone("13812341234")));
    }

    @Test
    void startUpFailsWithoutKeysWhenGenerationIsOff() {
        runner().withPropertyValues("casehub.pii.generate-missing=false")
                .run(context -> assertThat(context).getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("CASEHUB_PII_KEY")
                        .hasMessageContaining("CASEHUB_HASH_KEY"));
    }
}
