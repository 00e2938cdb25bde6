package org.casehub.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.stereotype.Component;

/**
 * Seals personal data with the configured {@link CipherSuite}'s cipher (AES-256-GCM, or SM4-GCM) into self-describing
 * blobs:
 * <pre>
 * 1 byte  format version (1)
 * 1 byte  length n of the key id
 * n bytes key id, ASCII
 * 12 bytes IV, random per call
 * rest    ciphertext and 16-byte tag
 * </pre>
 * The version and key id are authenticated as associated data, so no part of a blob can be altered
 * unnoticed. The key id names the suite ({@link CipherSuite#ofKeyId}), so a blob opens with the cipher that sealed it,
 * whichever suite seals now. Thread-safe.
 */
@Component
public class PiiCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private final PiiKeys keys;
    private final CipherSuite suite;
    private final SecureRandom random = new SecureRandom();
    private final byte[] header;

    public PiiCipher(PiiKeys keys) {
        this.keys = keys;
        this.suite = CipherSuite.ofKeyId(keys.currentKeyId());
        byte[] keyId = keys.currentKeyId().getBytes(StandardCharsets.US_ASCII);
        this.header = ByteBuffer.allocate(2 + keyId.length)
                .put(VERSION).put((byte) keyId.length).put(keyId)
                .array();
    }

    /** Id of the key that {@link #seal} uses. */
    public String currentKeyId() {
        return keys.currentKeyId();
    }

    public byte[] seal(byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = suite.cipher();
            cipher.init(Cipher.ENCRYPT_MODE, keys.currentKey(), new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(header);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(header.length + IV_BYTES + ciphertext.length)
                    .put(header).put(iv).put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with " + suite.transformation(), e);
        }
    }

    /**
     * Opens a blob of {@link #seal} with the key it names, current or previous.
     *
     * @throws IllegalStateException if the blob is malformed or was altered, or its key is not configured
     */
    public byte[] open(byte[] sealed) {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.length < 2 || sealed[0] != VERSION) {
            throw new IllegalStateException("not a sealed PII blob of format version " + VERSION);
        }
        int keyIdLength = Byte.toUnsignedInt(sealed[1]);
        int ivStart = 2 + keyIdLength;
        if (keyIdLength == 0 || sealed.length < ivStart + IV_BYTES + TAG_BYTES) {
            throw new IllegalStateException("sealed PII blob is truncated or malformed");
        }
        String keyId = new String(sealed, 2, keyIdLength, StandardCharsets.US_ASCII);
        SecretKey key = keys.encryptionKey(keyId);
        if (key == null) {
            throw new IllegalStateException("sealed PII blob names the unknown key id '" + keyId
                    + "'; if that key was rotated out, configure it under casehub.pii.previous-keys");
        }
        CipherSuite sealedWith = CipherSuite.ofKeyId(keyId);
        try {
            Cipher cipher = sealedWith.cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, ivStart, IV_BYTES));
            cipher.updateAAD(sealed, 0, ivStart);
            int ciphertextStart = ivStart + IV_BYTES;
            return cipher.doFinal(sealed, ciphertextStart, sealed.length - ciphertextStart);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("sealed PII blob failed authentication: it was altered, or key id '"
                    + keyId + "' is configured with another key than the one that sealed it", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open with " + sealedWith.transformation(), e);
        }
    }

    /** Seals the UTF-8 bytes of the text; {@code null} stays {@code null}. */
    public byte[] sealText(String plaintext) {
        return plaintext == null ? null : seal(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens a blob of {@link #sealText}; {@code null} stays {@code null}. */
    public String openText(byte[] sealed) {
        return sealed == null ? null : new String(open(sealed), StandardCharsets.UTF_8);
    }
}
