package org.casehub.security;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys that protect personal data. Each key is taken from configuration if set, else from its file under
 * {@link #keyDirectory()}, else generated into that file if {@link #generateMissing()} allows.
 *
 * @param key             base64 of the 32-byte AES-256 key that seals personal data. In production set it
 *                        with the environment variable {@code CASEHUB_PII_KEY}. Default: none, so the
 *                        file {@code pii.key} is used.
 * @param keyId           id written into every sealed blob to tell which key sealed it: 1 to 255 printable
 *                        ASCII characters. Default: the first 8 hex characters of the SHA-256 of the key.
 * @param previousKeys    key id to base64 key of rotated-out keys, used only to open data sealed under them
 *                        (e.g. {@code CASEHUB_PII_PREVIOUSKEYS_1A2B3C4D}; names from environment variables
 *                        arrive in lower case, which suits the default hex ids). Default: none.
 * @param hashKey         secret of the HMAC that makes searchable hashes of ID numbers, phones and names:
 *                        base64 if it decodes to at least 16 bytes, otherwise its UTF-8 text, in either
 *                        case at least 16 bytes. In production set it with the environment variable
 *                        {@code CASEHUB_HASH_KEY}. Default: none, so the file {@code hash.key} is used.
 * @param keyDirectory    directory of the key files {@code pii.key} and {@code hash.key}. Default
 *                        {@code data/keys}, relative to the working directory.
 * @param generateMissing whether a key that is neither configured nor in its file is generated at random
 *                        and stored in its file (owner-only where the file system has POSIX permissions).
 *                        When {@code false}, start-up fails instead. Default {@code true}.
 */
@ConfigurationProperties("casehub.pii")
public record PiiProperties(
        String key,
        String keyId,
        Map<String, String> previousKeys,
        String hashKey,
        Path keyDirectory,
        @DefaultValue("true") boolean generateMissing) {

    public PiiProperties {
        previousKeys = previousKeys == null ? Map.of() : Map.copyOf(previousKeys);
        keyDirectory = keyDirectory == null ? Path.of("data", "keys") : keyDirectory;
    }

    PiiProperties withHashKey(String hashKey) {
        return new PiiProperties(key, keyId, previousKeys, hashKey, keyDirectory, generateMissing);
    }

    /** Keeps secrets out of logs and failure reports that print the bound properties. */
    @Override
    public String toString() {
        return "PiiProperties[key=" + redacted(key) + ", keyId=" + keyId
                + ", previousKeys=" + previousKeys.keySet() + " (values redacted)"
                + ", hashKey=" + redacted(hashKey) + ", keyDirectory=" + keyDirectory
                + ", generateMissing=" + generateMissing + "]";
    }

    private static String redacted(String secret) {
        return secret == null ? "null" : "(redacted)";
    }
}
