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
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Both keys configured, so nothing is read from or written to the directory. */
    static PiiProperties configured(String key, Map<String, String> previousKeys, Path directory) {
        return new PiiProperties(key, null, previousKeys, HASH_KEY, directory, false);
    }

    static PiiCipher cipher(String key, Map<String, String> previousKeys, Path directory) {
        return new PiiCipher(new PiiKeys(configured(key, previousKeys, directory)));
    }
}
