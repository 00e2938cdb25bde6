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
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The encryption keys (current and previous) and the hash keys (current, and previous while stored hashes are moved),
 * resolved once at start-up as described in {@link PiiProperties}, each with its {@link CipherSuite}. Key material
 * stays package-private: only {@link PiiCipher} and {@link KeyedHasher} use it. A key file of the suite not
 * configured (left from before a switch) is kept as a previous key, so that an embedded hub switched to SM4 still
 * opens what it sealed under AES.
 */
@Component
public class PiiKeys {

    /** Name of the environment variable that holds the hash key. */
    public static final String HASH_KEY_ENV = "CASEHUB_HASH_KEY";

    private static final Logger log = LoggerFactory.getLogger(PiiKeys.class);

    private static final int GENERATED_KEY_BYTES = 32;
    private static final int MIN_HASH_KEY_BYTES = 16;
    private static final Pattern KEY_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Kind {
        ENCRYPTION("PII encryption key", "CASEHUB_PII_KEY", "casehub.pii.key"),
        HASH("PII hash key", HASH_KEY_ENV, "casehub.pii.hash-key");

        final String description;
        final String environmentVariable;
        final String property;

        Kind(String description, String environmentVariable, String property) {
            this.description = description;
            this.environmentVariable = environmentVariable;
            this.property = property;
        }

        /** The key file: one per suite for encryption keys, whose sizes differ; one hash key for any suite. */
        String fileName(CipherSuite suite) {
            return this == HASH ? "hash.key" : suite == CipherSuite.AES ? "pii.key" : "pii-" + suite.name().toLowerCase(Locale.ROOT) + ".key";
        }
    }

    /** A key that makes matching hashes: its id (suite and digest, stored beside the hashes), suite and secret. */
    record HashKey(String id, CipherSuite suite, SecretKey key) {
    }

    /** Text of a key and where it came from, for messages. */
    private record Found(String text, String origin) {
    }

    private final String currentKeyId;
    private final Map<String, SecretKey> encryptionKeys;
    private final HashKey hashKey;
    /** null: no stored hashes to move */
    private final HashKey previousHashKey;

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
        CipherSuite suite = properties.suite();
        Found encryption = find(Kind.ENCRYPTION, suite, properties.key(), directory, properties.generateMissing());
        Found hash = find(Kind.HASH, suite, properties.hashKey(), directory, properties.generateMissing());
        failIfMissing(encryption, hash, directory, suite);

        byte[] current = encryptionKey(suite, encryption);
        this.currentKeyId = properties.keyId() == null || properties.keyId().isBlank()
                ? suite.keyIdPrefix() + digest(current)
                : suiteKeyId(suite, checkedKeyId(properties.keyId().strip(), "casehub.pii.key-id"));
        this.encryptionKeys = encryptionKeys(currentKeyId, current, withOtherSuitesFiles(properties, directory));
        byte[] hashSecret = hmacKey(hash);
        this.hashKey = hashKey(suite, hashSecret);
        this.previousHashKey = properties.movingHashes()
                ? hashKey(properties.previousHashSuite() == null ? suite : properties.previousHashSuite(),
                        properties.previousHashKey() == null || properties.previousHashKey().isBlank() ? hashSecret
                                : hmacKey(new Found(properties.previousHashKey().strip(), "casehub.pii.previous-hash-key")))
                : null;
        if (previousHashKey != null && previousHashKey.id().equals(hashKey.id())) {
            throw new IllegalStateException("casehub.pii.previous-hash-key/-suite name the current hash key and suite ("
                    + hashKey.id() + "): there are no hashes to move; remove them");
        }

        log.info("PII sealed with {} under key id {} from {}", suite.transformation(), currentKeyId, encryption.origin());
        if (encryptionKeys.size() > 1) {
            log.info("PII data sealed under previous key ids {} can still be opened",
                    encryptionKeys.keySet().stream().skip(1).toList());
        }
        log.info("PII hash key {} from {}", hashKey.id(), hash.origin());
        if (previousHashKey != null) {
            log.info("PII hashes under {} are being moved to {}: records are matched under both", previousHashKey.id(),
                    hashKey.id());
        }
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

    HashKey hashKey() {
        return hashKey;
    }

    /** The hash key the stored hashes are being moved from, or {@code null}. */
    HashKey previousHashKey() {
        return previousHashKey;
    }

    /** Id of the hash key that hashes now: stored beside the hashes, so that the re-seal job knows which to move. */
    public String currentHashKeyId() {
        return hashKey.id();
    }

    private static HashKey hashKey(CipherSuite suite, byte[] secret) {
        return new HashKey(suite.hashKeyIdPrefix() + digest(secret), suite, suite.macKey(secret));
    }

    /** The configured previous keys, and the key files of the other suites (left from before a switch). */
    private static Map<String, String> withOtherSuitesFiles(PiiProperties properties, Path directory) {
        Map<String, String> previous = new LinkedHashMap<>(properties.previousKeys());
        for (CipherSuite other : CipherSuite.values()) {
            Path file = directory.resolve(Kind.ENCRYPTION.fileName(other));
            if (other != properties.suite() && Files.exists(file)) {
                String text = read(file);
                byte[] bytes = encryptionKey(other, new Found(text, "file " + file));
                previous.putIfAbsent(other.keyIdPrefix() + digest(bytes), text);
            }
        }
        return previous;
    }

    private static Found find(Kind kind, CipherSuite suite, String configured, Path directory, boolean generateMissing) {
        Path file = directory.resolve(kind.fileName(suite));
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
        return generateMissing ? generate(kind, file, kind == Kind.HASH ? GENERATED_KEY_BYTES : suite.keyBytes()) : null;
    }

    private static void failIfMissing(Found encryption, Found hash, Path directory, CipherSuite suite) {
        List<String> missing = new ArrayList<>();
        if (encryption == null) {
            missing.add(missingMessage(Kind.ENCRYPTION, directory, suite));
        }
        if (hash == null) {
            missing.add(missingMessage(Kind.HASH, directory, suite));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join("; ", missing)
                    + ". Keys are base64 of random bytes (the encryption key " + suite.keyBytes() + " bytes under the suite "
                    + suite.name().toLowerCase(Locale.ROOT) + "), e.g. from 'openssl rand -base64 " + suite.keyBytes() + "'."
                    + " They are not generated because casehub.pii.generate-missing is false.");
        }
    }

    private static String missingMessage(Kind kind, Path directory, CipherSuite suite) {
        return "no " + kind.description + ": set the environment variable " + kind.environmentVariable
                + " (or " + kind.property + ") or provide the file " + directory.resolve(kind.fileName(suite));
    }

    private static Found generate(Kind kind, Path file, int size) {
        byte[] bytes = new byte[size];
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
            String name = file.getFileName().toString();
            Path temporary = posix
                    ? Files.createTempFile(directory, name, ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, name, ".tmp");
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
        keys.put(currentKeyId, CipherSuite.ofKeyId(currentKeyId).encryptionKey(current));
        previousKeys.forEach((id, text) -> {
            String origin = "casehub.pii.previous-keys[" + id + "]";
            checkedKeyId(id, origin);
            CipherSuite suite = CipherSuite.ofKeyId(id);
            byte[] bytes = encryptionKey(suite, new Found(text.strip(), origin));
            SecretKey earlier = keys.putIfAbsent(id, suite.encryptionKey(bytes));
            if (earlier != null && !MessageDigest.isEqual(earlier.getEncoded(), bytes)) {
                throw new IllegalStateException(origin + " has the id of the current key but another key");
            }
        });
        return Collections.unmodifiableMap(keys);
    }

    private static byte[] encryptionKey(CipherSuite suite, Found found) {
        byte[] bytes = base64(found.text(), found.origin());
        if (bytes.length != suite.keyBytes()) {
            throw new IllegalStateException("the PII encryption key from " + found.origin() + " must be base64 of "
                    + suite.keyBytes() + " bytes (" + suite.transformation() + ") but has " + bytes.length + " bytes");
        }
        return bytes;
    }

    /** The id in the suite's form: an SM4 key's id starts {@code sm4.}; an AES key's id must not. */
    private static String suiteKeyId(CipherSuite suite, String keyId) {
        if (CipherSuite.ofKeyId(keyId) == suite) {
            return keyId;
        }
        if (suite == CipherSuite.AES) {
            throw new IllegalStateException("casehub.pii.key-id '" + keyId + "' names another suite than aes");
        }
        return checkedKeyId(suite.keyIdPrefix() + keyId, "casehub.pii.key-id");
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

    /** First 8 hex characters of the key's SHA-256: an id that tells keys apart without revealing them. */
    private static String digest(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
