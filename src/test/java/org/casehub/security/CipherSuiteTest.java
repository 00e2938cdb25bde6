package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.casehub.core.PersonHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two cipher suites, and a hub switched from one to the other. */
class CipherSuiteTest {

    private static final String TEXT = "张三 440303199001015246 13812341234";

    @TempDir
    Path keyDirectory;

    @Test
    void sm4SealsUnderAnIdThatNamesTheSuiteAndOpensWhatItSealed() {
        PiiCipher cipher = new PiiCipher(new PiiKeys(
                TestKeys.configured(CipherSuite.SM4, TestKeys.randomKey(CipherSuite.SM4), Map.of(), null, keyDirectory)));

        byte[] sealed = cipher.sealText(TEXT);

        assertThat(cipher.currentKeyId()).matches("sm4\\.[0-9a-f]{8}");
        assertThat(CipherSuite.ofKeyId(cipher.currentKeyId())).isEqualTo(CipherSuite.SM4);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("440303199001015246");
        assertThat(cipher.openText(sealed)).isEqualTo(TEXT);
    }

    @Test
    void sm4GcmIsTheStandardBlockCipher() throws Exception {
        // GB/T 32907-2016 appendix A: one block under the key 0123456789abcdeffedcba9876543210
        byte[] key = HexFormat.of().parseHex("0123456789abcdeffedcba9876543210");
        Cipher ecb = Cipher.getInstance("SM4/ECB/NoPadding", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "SM4"));

        assertThat(HexFormat.of().formatHex(ecb.doFinal(key))).isEqualTo("681edf34d206965e86b3e94f536e4246");
        assertThat(CipherSuite.SM4.cipher().getAlgorithm()).isEqualTo("SM4/GCM/NoPadding");
    }

    @Test
    void aHubSwitchedToSm4OpensWhatItSealedUnderAesAndSealsUnderSm4() {
        String aesKey = TestKeys.randomAesKey();
        PiiCipher aes = TestKeys.cipher(aesKey, Map.of(), keyDirectory);
        byte[] sealedUnderAes = aes.sealText(TEXT);

        PiiCipher sm4 = new PiiCipher(new PiiKeys(TestKeys.configured(CipherSuite.SM4, TestKeys.randomKey(CipherSuite.SM4),
                Map.of(aes.currentKeyId(), aesKey), null, keyDirectory)));

        assertThat(sm4.openText(sealedUnderAes)).isEqualTo(TEXT);
        assertThat(sm4.currentKeyId()).startsWith("sm4.");
        assertThat(aes.currentKeyId()).doesNotStartWith("sm4.");
    }

    @Test
    void anEmbeddedHubSwitchedToSm4KeepsItsAesKeyFileToOpenOldData() {
        PiiKeys generatedAes = new PiiKeys(new PiiProperties(null, null, null, null, keyDirectory, true));
        byte[] sealedUnderAes = new PiiCipher(generatedAes).sealText(TEXT);

        PiiCipher sm4 = new PiiCipher(new PiiKeys(new PiiProperties(null, null, null, null, keyDirectory, true,
                CipherSuite.SM4, null, null)));

        assertThat(Files.exists(keyDirectory.resolve("pii-sm4.key"))).isTrue();
        assertThat(sm4.currentKeyId()).startsWith("sm4.");
        assertThat(sm4.openText(sealedUnderAes)).isEqualTo(TEXT);
    }

    @Test
    void anSm4KeyMustHaveSixteenBytes() {
        assertThatThrownBy(() -> new PiiKeys(TestKeys.configured(CipherSuite.SM4, TestKeys.randomAesKey(), Map.of(), null,
                keyDirectory)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(TestKeys.HASH_KEY);
    }

    @Test
    void hmacSm3HashesDifferFromHmacSha256OnesUnderTheSameHashKeyAndKeepTheirForm() {
        KeyedHasher aes = new KeyedHasher(new PiiKeys(TestKeys.configured(CipherSuite.AES, TestKeys.randomAesKey(), Map.of(),
                null, keyDirectory)));
        KeyedHasher sm3 = new KeyedHasher(new PiiKeys(TestKeys.configured(CipherSuite.SM4, TestKeys.randomKey(CipherSuite.SM4),
                Map.of(), null, keyDirectory)));

        assertThat(sm3.idNumber("440303199001015246")).matches("[0-9a-f]{64}")
                .isNotEqualTo(aes.idNumber("440303199001015246"))
                .isEqualTo(sm3.idNumber(" 440303199001015246 "));
        assertThat(sm3.keyId()).startsWith("hmac-sm3.");
        assertThat(aes.keyId()).startsWith("hmac-sha256.");
    }

    @Test
    void whileHashesMoveFromAesTheHasherAlsoHashesAsTheAesHubDid() {
        KeyedHasher before = new KeyedHasher(new PiiKeys(TestKeys.configured(CipherSuite.AES, TestKeys.randomAesKey(),
                Map.of(), null, keyDirectory)));
        KeyedHasher switched = new KeyedHasher(new PiiKeys(TestKeys.configured(CipherSuite.SM4,
                TestKeys.randomKey(CipherSuite.SM4), Map.of(), CipherSuite.AES, keyDirectory)));

        PersonHashes old = before.person("张三", "440303199001015246", "13812341234");

        assertThat(switched.previous()).isNotNull();
        assertThat(switched.previous().keyId()).isEqualTo(before.keyId());
        assertThat(switched.previous().person("张三", "440303199001015246", "+86 138 1234 1234")).isEqualTo(old);
        assertThat(switched.person("张三", "440303199001015246", "13812341234").idNumber()).isNotEqualTo(old.idNumber());
        assertThat(switched.previous().previous()).isNull();
    }

    @Test
    void noHashesToMoveWhenThePreviousHashSettingsNameTheCurrentOnes() {
        assertThatThrownBy(() -> new PiiKeys(TestKeys.configured(CipherSuite.AES, TestKeys.randomAesKey(), Map.of(),
                CipherSuite.AES, keyDirectory)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no hashes to move");
    }
}
