package org.casehub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The encryption keys (current and previous) and the hash key, resolved once at start-up as described
 * in {@link PiiProperties}. Key material stays package-private: only {@link PiiCipher} and
 * {@link KeyedHasher} use it.
 */
@Component
public class PiiKeys {

    /** Name of the environment variable that holds the hash key. */
    public static final String HASH_KEY_ENV = "CASEHUB_HASH_KEY";

    private static final Logger log = LoggerFactory.getLogger(PiiKeys.class);

    private static final int AES_KEY_BYTES = 32;
    private static final int MIN_HASH_KEY_BYTES = 16;
    private static final Pattern KEY_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Kind {
        ENCRYPTION("PII encryption key", "CASEHUB_PII_KEY", "casehub.pii.key", "pii.key"),
        HASH("PII hash key", HASH_KEY_ENV, "casehub.pii.hash-key", "hash.key");

        final String description;
        final String environmentVariable;
        final String property;
        final String fileName;

        Kind(String description, String environmentVariable, String property, String fileName) {
            this.description = description;
            this.environmentVariable = environmentVariable;
            this.property = property;
            this.fileName = fileName;
        }
    }

    /** Text of a key and where it came from, for messages. */
    private record Found(String text, String origin) {
    }

    private final String currentKeyId;
    private final Map<String, SecretKey> encryptionKeys;
    private final SecretKey hashKey;

    /**
     * Relaxed binding maps {@code CASEHUB_PII_KEY} to {@code casehub.pii.key}, but {@code CASEHUB_HASH_KEY}
     * would only reach {@code casehub.hash.key}, so that variable is looked up here.
     */
    @Autowired
    PiiKeys(PiiProperties properties, Environment environment) {
        this(properties.hashKey() == null || properties.hashKey().isBlank()
                ? properties.withHashKey(environment.getProperty(HASH_KEY_ENV))
                : properties);
    }

    public PiiKeys(PiiProperties properties) {
        Path directory = properties.keyDirectory().toAbsolutePath().normalize();
        Found encryption = find(Kind.ENCRYPTION, properties.key(), directory, properties.generateMissing());
        Found hash = find(Kind.HASH, properties.hashKey(), directory, properties.generateMissing());
        failIfMissing(encryption, hash, directory);

        byte[] current = aesKey(encryption);
        this.currentKeyId = properties.keyId() == null || properties.keyId().isBlank()
                ? derivedKeyId(current)
                : checkedKeyId(properties.keyId().strip(), "casehub.pii.key-id");
        this.encryptionKeys = encryptionKeys(currentKeyId, current, properties.previousKeys());
        this.hashKey = new SecretKeySpec(hmacKey(hash), "HmacSHA256");

        log.info("PII encryption key id {} from {}", currentKeyId, encryption.origin());
        if (encryptionKeys.size() > 1) {
            log.info("PII data sealed under previous key ids {} can still be opened",
                    encryptionKeys.keySet().stream().skip(1).toList());
        }
        log.info("PII hash key from {}", hash.origin());
    }

    /** Id of the key that seals new data. */
    public String currentKeyId() {
        return currentKeyId;
    }

    SecretKey currentKey() {
        return encryptionKeys.get(currentKeyId);
    }

    /** The key with that id, current or previous, or {@code null}. */
    SecretKey encryptionKey(String keyId) {
        return encryptionKeys.get(keyId);
    }

    SecretKey hashKey() {
        return hashKey;
    }

    private static Found find(Kind kind, String configured, Path directory, boolean generateMissing) {
        Path file = directory.resolve(kind.fileName);
        if (configured != null && !configured.isBlank()) {
            if (Files.exists(file)) {
                // Typically left from a start without configured keys; what it protected is lost without it.
                log.warn("{} is configured, so the file {} is ignored", kind.description, file);
            }
            return new Found(configured.strip(),
                    "configuration (" + kind.property + " or " + kind.environmentVariable + ")");
        }
        if (Files.exists(file)) {
            return new Found(read(file), "file " + file);
        }
        return generateMissing ? generate(kind, file) : null;
    }

    private static void failIfMissing(Found encryption, Found hash, Path directory) {
        List<String> missing = new ArrayList<>();
        if (encryption == null) {
            missing.add(missingMessage(Kind.ENCRYPTION, directory));
        }
        if (hash == null) {
            missing.add(missingMessage(Kind.HASH, directory));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join("; ", missing)
                    + ". Keys are base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'."
                    + " They are not generated because casehub.pii.generate-missing is false.");
        }
    }

    private static String missingMessage(Kind kind, Path directory) {
        return "no " + kind.description + ": set the environment variable " + kind.environmentVariable
                + " (or " + kind.property + ") or provide the file " + directory.resolve(kind.fileName);
    }

    private static Found generate(Kind kind, Path file) {
        byte[] bytes = new byte[AES_KEY_BYTES];
        RANDOM.nextBytes(bytes);
        String text = Base64.getEncoder().encodeToString(bytes);
        Path directory = file.getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
            // Written aside and moved into place so that no one ever reads a half-written key file.
            Path temporary = posix
                    ? Files.createTempFile(directory, kind.fileName, ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, kind.fileName, ".tmp");
            try {
                Files.writeString(temporary, text + System.lineSeparator(), StandardCharsets.US_ASCII);
                Files.move(temporary, file);
                return new Found(text, "newly generated file " + file
                        + " (back it up: without it, data protected by it cannot be read or matched)");
            } catch (FileAlreadyExistsException concurrentStartWon) {
                return new Found(read(file), "file " + file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the generated " + kind.description + " in " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.isEmpty()) {
                throw new IllegalStateException("key file " + file + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
    }

    private static Map<String, SecretKey> encryptionKeys(String currentKeyId, byte[] current,
            Map<String, String> previousKeys) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(currentKeyId, new SecretKeySpec(current, "AES"));
        previousKeys.forEach((id, text) -> {
            String origin = "casehub.pii.previous-keys[" + id + "]";
            checkedKeyId(id, origin);
            byte[] bytes = aesKey(new Found(text.strip(), origin));
            SecretKey earlier = keys.putIfAbsent(id, new SecretKeySpec(bytes, "AES"));
            if (earlier != null && !MessageDigest.isEqual(earlier.getEncoded(), bytes)) {
                throw new IllegalStateException(origin + " has the id of the current key but another key");
            }
        });
        return Collections.unmodifiableMap(keys);
    }

    private static byte[] aesKey(Found found) {
        byte[] bytes = base64(found.text(), found.origin());
        if (bytes.length != AES_KEY_BYTES) {
            throw new IllegalStateException("the PII encryption key from " + found.origin()
                    + " must be base64 of 32 bytes (AES-256) but has " + bytes.length + " bytes");
        }
        return bytes;
    }

    private static byte[] hmacKey(Found found) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(found.text());
        } catch (IllegalArgumentException plainText) {
            bytes = new byte[0];
        }
        if (bytes.length < MIN_HASH_KEY_BYTES) {
            bytes = found.text().getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length < MIN_HASH_KEY_BYTES) {
            throw new IllegalStateException("the PII hash key from " + found.origin() + " must have at least "
                    + MIN_HASH_KEY_BYTES + " bytes");
        }
        return bytes;
    }

    private static byte[] base64(String text, String origin) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // Cause left out: its message quotes a character of the key.
            throw new IllegalStateException("the key from " + origin + " is not valid base64");
        }
    }

    private static String checkedKeyId(String keyId, String origin) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalStateException("the key id of " + origin
                    + " must be 1 to 255 printable ASCII characters without spaces");
        }
        return keyId;
    }

    private static String derivedKeyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
