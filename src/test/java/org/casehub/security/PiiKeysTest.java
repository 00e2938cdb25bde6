package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiKeysTest {

    @TempDir
    Path temp;

    private PiiProperties generating(Path keyDirectory) {
        return new PiiProperties(null, null, null, null, keyDirectory, true);
    }

    @Test
    void missingKeysAreGeneratedOnceAndReusedOnTheNextStart() throws IOException {
        Path keyDirectory = temp.resolve("data/keys");

        PiiKeys firstStart = new PiiKeys(generating(keyDirectory));
        String piiKeyFile = Files.readString(keyDirectory.resolve("pii.key"));
        String hashKeyFile = Files.readString(keyDirectory.resolve("hash.key"));
        PiiKeys secondStart = new PiiKeys(generating(keyDirectory));

        assertThat(Base64.getDecoder().decode(piiKeyFile.strip())).hasSize(32);
        assertThat(Files.readString(keyDirectory.resolve("pii.key"))).isEqualTo(piiKeyFile);
        assertThat(Files.readString(keyDirectory.resolve("hash.key"))).isEqualTo(hashKeyFile);
        assertThat(secondStart.currentKeyId()).isEqualTo(firstStart.currentKeyId());
        assertThat(new PiiCipher(secondStart).openText(new PiiCipher(firstStart).sealText("张三"))).isEqualTo("张三");
        assertThat(new KeyedHasher(secondStart).phone("13812341234"))
                .isEqualTo(new KeyedHasher(firstStart).phone("13812341234"));
        try (var files = Files.list(keyDirectory)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("pii.key", "hash.key");
        }
    }

    @Test
    void generatedKeyFilesAreAccessibleToTheOwnerOnly() throws IOException {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path keyDirectory = temp.resolve("keys");

        new PiiKeys(generating(keyDirectory));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory.resolve("pii.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory.resolve("hash.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void withoutGenerationMissingKeysFailStartUpNamingTheEnvironmentVariables() {
        Path keyDirectory = temp.resolve("keys");

        assertThatThrownBy(() -> new PiiKeys(new PiiProperties(null, null, null, null, keyDirectory, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CASEHUB_PII_KEY")
                .hasMessageContaining("CASEHUB_HASH_KEY")
                .hasMessageContaining("casehub.pii.generate-missing");
        assertThat(keyDirectory).doesNotExist();
    }

    @Test
    void withoutGenerationOnlyTheMissingKeyIsNamed() {
        assertThatThrownBy(() -> new PiiKeys(new PiiProperties(null, null, null, TestKeys.HASH_KEY, temp, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CASEHUB_PII_KEY")
                .hasMessageNotContaining("CASEHUB_HASH_KEY");
    }

    @Test
    void withoutGenerationKeyFilesAreStillUsed() {
        PiiKeys generated = new PiiKeys(generating(temp));

        PiiKeys fromFiles = new PiiKeys(new PiiProperties(null, null, null, null, temp, false));

        assertThat(fromFiles.currentKeyId()).isEqualTo(generated.currentKeyId());
    }

    @Test
    void configuredKeyWinsOverTheKeyFile() throws Exception {
        new PiiKeys(generating(temp));
        String configured = TestKeys.randomAesKey();

        PiiKeys keys = new PiiKeys(new PiiProperties(configured, null, null, null, temp, false));

        assertThat(keys.currentKeyId()).isEqualTo(sha256Prefix(configured));
    }

    @Test
    void keyIdIsTheStartOfTheKeysSha256UnlessConfigured() throws Exception {
        String key = TestKeys.randomAesKey();

        assertThat(new PiiKeys(TestKeys.configured(key, Map.of(), temp)).currentKeyId())
                .isEqualTo(sha256Prefix(key))
                .hasSize(8);
        assertThat(new PiiKeys(new PiiProperties(key, "2025-q4", null, TestKeys.HASH_KEY, temp, false)).currentKeyId())
                .isEqualTo("2025-q4");
    }

    @Test
    void encryptionKeyOfAnotherLengthThanAes256IsRejected() {
        String aes128 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new PiiKeys(TestKeys.configured(aes128, Map.of(), temp)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void keyThatIsNotBase64IsRejectedWithoutBeingQuoted() {
        String key = "my secret key, not base64";

        assertThatThrownBy(() -> new PiiKeys(TestKeys.configured(key, Map.of(), temp)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining("secret")
                .hasNoCause();
    }

    @Test
    void hashKeyShorterThan16BytesIsRejected() {
        assertThatThrownBy(() -> new PiiKeys(
                new PiiProperties(TestKeys.randomAesKey(), null, null, "short", temp, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 16 bytes");
    }

    @Test
    void previousKeyUnderTheCurrentKeyIdButWithAnotherKeyIsRejected() {
        String current = TestKeys.randomAesKey();
        String currentId = new PiiKeys(TestKeys.configured(current, Map.of(), temp)).currentKeyId();

        assertThatThrownBy(() -> new PiiKeys(
                TestKeys.configured(current, Map.of(currentId, TestKeys.randomAesKey()), temp)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(currentId);
    }

    @Test
    void keyIdWithSpacesIsRejected() {
        assertThatThrownBy(() -> new PiiKeys(
                new PiiProperties(TestKeys.randomAesKey(), "key one", null, TestKeys.HASH_KEY, temp, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("casehub.pii.key-id");
    }

    @Test
    void propertiesNeverPrintTheirSecrets() {
        String key = TestKeys.randomAesKey();
        String previous = TestKeys.randomAesKey();

        String printed = new PiiProperties(key, null, Map.of("old1", previous), TestKeys.HASH_KEY, temp, true).toString();

        assertThat(printed).doesNotContain(key, previous, TestKeys.HASH_KEY).contains("old1");
    }

    private static String sha256Prefix(String base64Key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Key));
        return HexFormat.of().formatHex(digest).substring(0, 8);
    }
}
