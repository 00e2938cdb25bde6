package org.casehub.security;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys that protect personal data. Each key is taken from configuration if set, else from its file under
 * {@link #keyDirectory()}, else generated into that file if {@link #generateMissing()} allows.
 *
 * @param key             base64 of the key that seals personal data: 32 bytes (AES-256) under the suite
 *                        {@code aes}, 16 bytes under {@code sm4}. In production set it with the environment
 *                        variable {@code CASEHUB_PII_KEY}. Default: none, so the suite's file ({@code pii.key},
 *                        {@code pii-sm4.key}) is used.
 * @param keyId           id written into every sealed blob to tell which key sealed it: 1 to 255 printable
 *                        ASCII characters, prefixed {@code sm4.} under the suite {@code sm4} (added if missing).
 *                        Default: the suite's prefix and the first 8 hex characters of the SHA-256 of the key.
 * @param previousKeys    key id to base64 key of rotated-out keys, used only to open data sealed under them
 *                        (e.g. {@code CASEHUB_PII_PREVIOUSKEYS_1A2B3C4D}, or {@code ..._SM4_1A2B3C4D} for the SM4
 *                        key {@code sm4.1a2b3c4d}; names from environment variables arrive in lower case, which
 *                        suits the default hex ids). The id's prefix names the key's suite. Default: none.
 * @param hashKey         secret of the HMAC that makes searchable hashes of ID numbers, phones and names:
 *                        base64 if it decodes to at least 16 bytes, otherwise its UTF-8 text, in either
 *                        case at least 16 bytes. In production set it with the environment variable
 *                        {@code CASEHUB_HASH_KEY}. Default: none, so the file {@code hash.key} is used.
 * @param keyDirectory    directory of the key files {@code pii.key} and {@code hash.key}. Default
 *                        {@code data/keys}, relative to the working directory.
 * @param generateMissing whether a key that is neither configured nor in its file is generated at random
 *                        and stored in its file (owner-only where the file system has POSIX permissions).
 *                        When {@code false}, start-up fails instead. Default {@code true}.
 * @param suite           {@code aes} (AES-256-GCM + HMAC-SHA256) or {@code sm4} (国密: SM4-GCM + HMAC-SM3) for
 *                        what is sealed and hashed from now on ({@code CASEHUB_PII_SUITE} in production). Default {@code aes}.
 * @param previousHashKey the hash key the stored hashes were made with, while the re-seal job moves them to the
 *                        current one ({@code CASEHUB_PII_PREVIOUS_HASH_KEY} in production); arriving records are then matched
 *                        under both. Default: none (the current hash key, if only the suite changed).
 * @param previousHashSuite the suite the stored hashes were made with, while they are moved
 *                        ({@code CASEHUB_PII_PREVIOUS_HASH_SUITE} in production). Default: none (the current suite, if only the
 *                        hash key changed). Neither previous setting: no hashes to move.
 */
@ConfigurationProperties("casehub.pii")
public record PiiProperties(
        String key,
        String keyId,
        Map<String, String> previousKeys,
        String hashKey,
        Path keyDirectory,
        @DefaultValue("true") boolean generateMissing,
        CipherSuite suite,
        String previousHashKey,
        CipherSuite previousHashSuite) {

    @ConstructorBinding
    public PiiProperties {
        previousKeys = previousKeys == null ? Map.of() : Map.copyOf(previousKeys);
        keyDirectory = keyDirectory == null ? Path.of("data", "keys") : keyDirectory;
        suite = suite == null ? CipherSuite.AES : suite;
    }

    /** The suite AES, and no hashes to move. */
    public PiiProperties(String key, String keyId, Map<String, String> previousKeys, String hashKey, Path keyDirectory,
                         boolean generateMissing) {
        this(key, keyId, previousKeys, hashKey, keyDirectory, generateMissing, null, null, null);
    }

    PiiProperties withHashKey(String hashKey) {
        return new PiiProperties(key, keyId, previousKeys, hashKey, keyDirectory, generateMissing, suite, previousHashKey,
                previousHashSuite);
    }

    /** Whether stored hashes are being moved to the current hash key or suite. */
    boolean movingHashes() {
        return (previousHashKey != null && !previousHashKey.isBlank()) || previousHashSuite != null;
    }

    /** Keeps secrets out of logs and failure reports that print the bound properties. */
    @Override
    public String toString() {
        return "PiiProperties[key=" + redacted(key) + ", keyId=" + keyId
                + ", previousKeys=" + previousKeys.keySet() + " (values redacted)"
                + ", hashKey=" + redacted(hashKey) + ", keyDirectory=" + keyDirectory
                + ", generateMissing=" + generateMissing + ", suite=" + suite
                + ", previousHashKey=" + redacted(previousHashKey) + ", previousHashSuite=" + previousHashSuite + "]";
    }

    private static String redacted(String secret) {
        return secret == null ? "null" : "(redacted)";
    }
}
