package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiCipherTest {

    private static final String TEXT = "张三 440303199001015246 13812341234";

    @TempDir
    Path keyDirectory;

    @Test
    void sealedTextOpensWithTheKeyItWasSealedUnder() {
        PiiCipher cipher = TestKeys.cipher(TestKeys.randomAesKey(), Map.of(), keyDirectory);

        byte[] sealed = cipher.sealText(TEXT);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("440303199001015246");
        assertThat(cipher.openText(sealed)).isEqualTo(TEXT);
    }

    @Test
    void sealingTheSameTextTwiceGivesDifferentBlobs() {
        PiiCipher cipher = TestKeys.cipher(TestKeys.randomAesKey(), Map.of(), keyDirectory);

        assertThat(cipher.sealText(TEXT)).isNotEqualTo(cipher.sealText(TEXT));
    }

    @Test
    void blobStartsWithTheVersionAndTheKeyIdFollowedByIvCiphertextAndTag() {
        PiiCipher cipher = new PiiCipher(new PiiKeys(
                new PiiProperties(TestKeys.randomAesKey(), "2025-q4", null, TestKeys.HASH_KEY, keyDirectory, false)));
        byte[] plaintext = {1, 2, 3, 4, 5};

        byte[] sealed = cipher.seal(plaintext);

        assertThat(cipher.currentKeyId()).isEqualTo("2025-q4");
        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(sealed[1]).isEqualTo((byte) 7);
        assertThat(new String(sealed, 2, 7, StandardCharsets.US_ASCII)).isEqualTo("2025-q4");
        assertThat(sealed).hasSize(2 + 7 + 12 + plaintext.length + 16);
        assertThat(cipher.open(sealed)).isEqualTo(plaintext);
    }

    @Test
    void blobSealedUnderAPreviousKeyStillOpensAfterRotation() {
        String oldKey = TestKeys.randomAesKey();
        PiiCipher beforeRotation = TestKeys.cipher(oldKey, Map.of(), keyDirectory);
        byte[] sealedBefore = beforeRotation.sealText(TEXT);

        PiiCipher afterRotation = TestKeys.cipher(TestKeys.randomAesKey(),
                Map.of(beforeRotation.currentKeyId(), oldKey), keyDirectory);

        assertThat(afterRotation.currentKeyId()).isNotEqualTo(beforeRotation.currentKeyId());
        assertThat(afterRotation.openText(sealedBefore)).isEqualTo(TEXT);
        assertThat(afterRotation.openText(afterRotation.sealText(TEXT))).isEqualTo(TEXT);
    }

    @Test
    void blobOfAKeyThatIsNotConfiguredIsRejectedNamingItsKeyId() {
        PiiCipher former = TestKeys.cipher(TestKeys.randomAesKey(), Map.of(), keyDirectory);
        byte[] sealed = former.sealText(TEXT);
        PiiCipher current = TestKeys.cipher(TestKeys.randomAesKey(), Map.of(), keyDirectory);

        assertThatThrownBy(() -> current.openText(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(former.currentKeyId())
                .hasMessageContaining("casehub.pii.previous-keys");
    }

    @Test
    void blobIsRejectedWhenItsKeyIdIsConfiguredWithAnotherKey() {
        PiiCipher sealer = new PiiCipher(new PiiKeys(
                new PiiProperties(TestKeys.randomAesKey(), "k1", null, TestKeys.HASH_KEY, keyDirectory, false)));
        PiiCipher opener = new PiiCipher(new PiiKeys(
                new PiiProperties(TestKeys.randomAesKey(), "k1", null, TestKeys.HASH_KEY, keyDirectory, false)));
        byte[] sealed = sealer.sealText(TEXT);

        assertThatThrownBy(() -> opener.openText(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void blobWithAnyByteAlteredIsRejected() {
        PiiCipher cipher = TestKeys.cipher(TestKeys.randomAesKey(), Map.of(), keyDirectory);
        byte[] sealed = cipher.sealText(TEXT);

        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.open(tampered))
                    .as("blob with byte %d altered", i)
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void truncatedBlobIsRejected() {
        PiiCipher cipher = TestKeys.cipher(TestKeys.randomAesKey(), Map.of(), keyDirectory);
        byte[] sealed = cipher.sealText(TEXT);

        for (int length = 0; length < sealed.length; length++) {
            byte[] truncated = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> cipher.open(truncated))
                    .as("blob cut to %d bytes", length)
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void textHelpersPassNullThrough() {
        PiiCipher cipher = TestKeys.cipher(TestKeys.randomAesKey(), Map.of(), keyDirectory);

        assertThat(cipher.sealText(null)).isNull();
        assertThat(cipher.openText(null)).isNull();
    }

    @Test
    void emptyTextRoundTrips() {
        PiiCipher cipher = TestKeys.cipher(TestKeys.randomAesKey(), Map.of(), keyDirectory);

        assertThat(cipher.openText(cipher.sealText(""))).isEmpty();
    }

    @Test
    void oneCipherSealsAndOpensFromManyThreadsAtOnce() {
        PiiCipher cipher = TestKeys.cipher(TestKeys.randomAesKey(), Map.of(), keyDirectory);

        assertThat(IntStream.range(0, 2_000).parallel()
                .mapToObj(i -> TEXT + i)
                .allMatch(text -> text.equals(cipher.openText(cipher.sealText(text)))))
                .isTrue();
    }
}
