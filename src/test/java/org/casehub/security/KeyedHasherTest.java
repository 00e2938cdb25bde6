package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyedHasherTest {

    @TempDir
    Path keyDirectory;

    private KeyedHasher hasher(String hashKey) {
        return new KeyedHasher(new PiiKeys(
                new PiiProperties(TestKeys.randomAesKey(), null, null, hashKey, keyDirectory, false)));
    }

    @Test
    void differentlyWrittenFormsOfOneIdNumberHashAlike() {
        KeyedHasher hasher = hasher(TestKeys.HASH_KEY);

        assertThat(Stream.of("44030419940328607X", "44030419940328607x", " 44030419940328607X\t",
                "４４０３０４１９９４０３２８６０７ｘ").map(hasher::idNumber).distinct())
                .singleElement().isEqualTo(hasher.idNumber("44030419940328607X"));
    }

    @Test
    void differentlyWrittenFormsOfOnePhoneHashAlike() {
        KeyedHasher hasher = hasher(TestKeys.HASH_KEY);

        assertThat(Stream.of("13812341234", "138-1234-1234", "138 1234 1234", "+86 138 1234 1234", "8613812341234",
                "+86-13812341234", "(+86) 13812341234", "１３８１２３４１２３４").map(hasher::phone).distinct())
                .singleElement().isEqualTo(hasher.phone("13812341234"));
    }

    @Test
    void countryCodeIsStrippedOnlyBeforeAnElevenDigitNumber() {
        KeyedHasher hasher = hasher(TestKeys.HASH_KEY);

        assertThat(hasher.phone("86123456")).isNotEqualTo(hasher.phone("123456"));
    }

    @Test
    void differentlyWrittenFormsOfOneNameHashAlike() {
        KeyedHasher hasher = hasher(TestKeys.HASH_KEY);

        assertThat(Stream.of("迪丽热巴·迪力木拉提", "迪丽热巴・迪力木拉提", "迪丽热巴･迪力木拉提", "迪丽热巴•迪力木拉提",
                "迪丽热巴‧迪力木拉提", " 迪丽热巴 迪力木拉提 ", "迪丽热巴\u3000迪力木拉提").map(hasher::name).distinct())
                .singleElement().isEqualTo(hasher.name("迪丽热巴迪力木拉提"));
        assertThat(hasher.name("张 三")).isEqualTo(hasher.name("张三"));
    }

    @Test
    void differentValuesHashDifferently() {
        KeyedHasher hasher = hasher(TestKeys.HASH_KEY);

        assertThat(hasher.idNumber("44030419940328607X")).isNotEqualTo(hasher.idNumber("421023196007278517"));
        assertThat(hasher.phone("13812341234")).isNotEqualTo(hasher.phone("13812341235"));
        assertThat(hasher.name("张三")).isNotEqualTo(hasher.name("张四"));
    }

    @Test
    void theSameCharactersHashDifferentlyAsIdNumberPhoneAndName() {
        KeyedHasher hasher = hasher(TestKeys.HASH_KEY);
        String value = "13812341234";

        assertThat(Stream.of(hasher.idNumber(value), hasher.phone(value), hasher.name(value))).doesNotHaveDuplicates();
    }

    @Test
    void differentHashKeysGiveDifferentHashes() {
        KeyedHasher one = hasher(TestKeys.HASH_KEY);
        KeyedHasher other = hasher("another-hash-key-for-tests");

        assertThat(one.idNumber("44030419940328607X")).isNotEqualTo(other.idNumber("44030419940328607X"));
        assertThat(one.phone("13812341234")).isNotEqualTo(other.phone("13812341234"));
        assertThat(one.name("张三")).isNotEqualTo(other.name("张三"));
    }

    @Test
    void hashIsHmacSha256OfTheKindTagAndNormalizedValueInLowercaseHex() throws Exception {
        KeyedHasher hasher = hasher(TestKeys.HASH_KEY);
        byte[] key = TestKeys.HASH_KEY.getBytes(StandardCharsets.UTF_8);

        assertThat(hasher.idNumber(" 44030419940328607x")).isEqualTo(hmac(key, "id:44030419940328607X"));
        assertThat(hasher.phone("+86 138-1234-1234")).isEqualTo(hmac(key, "phone:13812341234"));
        assertThat(hasher.name("迪丽热巴·迪力木拉提")).isEqualTo(hmac(key, "name:迪丽热巴迪力木拉提"))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void hashKeyInBase64IsUsedDecoded() throws Exception {
        String base64Key = TestKeys.randomAesKey();

        assertThat(hasher(base64Key).phone("13812341234"))
                .isEqualTo(hmac(Base64.getDecoder().decode(base64Key), "phone:13812341234"));
    }

    @Test
    void nothingToHashGivesNull() {
        KeyedHasher hasher = hasher(TestKeys.HASH_KEY);

        assertThat(Stream.of(hasher.idNumber(null), hasher.idNumber(""), hasher.idNumber(" \u00A0"),
                hasher.phone(null), hasher.phone("  "), hasher.phone("无"),
                hasher.name(null), hasher.name("\t"), hasher.name("·"))).containsOnlyNulls();
    }

    private static String hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
