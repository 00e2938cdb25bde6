package org.casehub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The secret webhook senders present in {@value AccessConfiguration#WEBHOOK_SECRET_HEADER}: from
 * {@code casehub.access.webhook-secret} ({@code CASEHUB_WEBHOOK_SECRET}), else from the file
 * {@value #FILE_NAME} beside the PII keys, else generated into that file under the same rule as those keys
 * ({@code casehub.pii.generate-missing}: the embedded default generates, production requires the variable).
 */
@Component
public class WebhookSecret {

    static final String FILE_NAME = "webhook.secret";
    static final int MINIMUM_LENGTH = 16;

    private static final Logger log = LoggerFactory.getLogger(WebhookSecret.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] sha256;

    @Autowired
    WebhookSecret(AccessProperties access, PiiProperties pii) {
        this(access.webhookSecret(), pii.keyDirectory(), pii.generateMissing());
    }

    WebhookSecret(String configured, Path directory, boolean generateMissing) {
        Path file = directory.toAbsolutePath().normalize().resolve(FILE_NAME);
        String secret;
        if (configured != null && !configured.isBlank()) {
            secret = configured.strip();
            log.info("webhook secret from configuration (casehub.access.webhook-secret or CASEHUB_WEBHOOK_SECRET)");
        } else if (Files.exists(file)) {
            secret = read(file);
            log.info("webhook secret from file {}", file);
        } else if (generateMissing) {
            secret = generate(file);
        } else {
            throw new IllegalStateException("no webhook secret: set the environment variable CASEHUB_WEBHOOK_SECRET"
                    + " (or casehub.access.webhook-secret) or provide the file " + file
                    + "; it is not generated because casehub.pii.generate-missing is false");
        }
        if (secret.length() < MINIMUM_LENGTH) {
            throw new IllegalStateException("the webhook secret must have at least " + MINIMUM_LENGTH + " characters");
        }
        this.sha256 = ClientRegistry.sha256(secret);
    }

    /** Whether the presented secret is this one, compared in constant time whatever its length. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(sha256, ClientRegistry.sha256(presented));
    }

    private static String generate(Path file) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path directory = file.getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            Files.createDirectories(directory);
            Path temporary = posix
                    ? Files.createTempFile(directory, FILE_NAME, ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, FILE_NAME, ".tmp");
            try {
                Files.writeString(temporary, secret + System.lineSeparator(), StandardCharsets.US_ASCII);
                // Moved into place whole, so that a concurrent start never reads half a secret.
                Files.move(temporary, file);
                log.info("webhook secret generated into {}: give it to the webhook senders", file);
                return secret;
            } catch (FileAlreadyExistsException concurrentStartWon) {
                return read(file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the generated webhook secret in " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook secret file " + file, e);
        }
    }
}
