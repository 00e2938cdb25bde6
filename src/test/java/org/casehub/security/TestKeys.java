package org.casehub.security;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** Keys and components built without Spring, as the tests need them. */
final class TestKeys {

    static final String HASH_KEY = "hash-key-for-tests-only";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    static String randomAesKey() {
        return randomKey(CipherSuite.AES);
    }

    /** Base64 of random bytes of the suite's key size. */
    static String randomKey(CipherSuite suite) {
        byte[] key = new byte[suite.keyBytes()];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Both keys configured under the suite; the stored hashes moved from {@code previousHashSuite} if not null. */
    static PiiProperties configured(CipherSuite suite, String key, Map<String, String> previousKeys,
                                    CipherSuite previousHashSuite, Path directory) {
        return new PiiProperties(key, null, previousKeys, HASH_KEY, directory, false, suite, null, previousHashSuite);
    }

    /** Both keys configured, so nothing is read from or written to the directory. */
    static PiiProperties configured(String key, Map<String, String> previousKeys, Path directory) {
        return new PiiProperties(key, null, previousKeys, HASH_KEY, directory, false);
    }

    static PiiCipher cipher(String key, Map<String, String> previousKeys, Path directory) {
        return new PiiCipher(new PiiKeys(configured(key, previousKeys, directory)));
    }
}
