package org.casehub.security;

import java.security.GeneralSecurityException;
import java.security.Provider;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * How personal data is sealed and hashed for matching: the international suite (AES-256-GCM with HMAC-SHA256, the
 * JDK's own) or the national commercial one (国密: SM4-GCM with HMAC-SM3, GB/T 32907 and GB/T 32905, from
 * BouncyCastle, which the JDK lacks). The suite is named in every key id ({@link #keyIdPrefix()}), so a blob says how
 * to open it whatever the suite configured now: data sealed before a switch keeps opening until the re-seal job moved
 * it. Ids without a prefix are AES: every id written before suites existed.
 */
public enum CipherSuite {

    /** AES-256-GCM + HMAC-SHA256: the default, and all data sealed before suites existed. */
    AES("AES", "AES/GCM/NoPadding", 32, "HmacSHA256", "", "hmac-sha256.", null),
    /** SM4-GCM (128-bit key) + HMAC-SM3 (国密), for deployments that must use the national algorithms (信创). */
    SM4("SM4", "SM4/GCM/NoPadding", 16, "HMACSM3", "sm4.", "hmac-sm3.", new BouncyCastleProvider());

    private final String keyAlgorithm;
    private final String transformation;
    private final int keyBytes;
    private final String macAlgorithm;
    private final String keyIdPrefix;
    private final String hashKeyIdPrefix;
    /** null: the JDK's providers */
    private final Provider provider;
    /**
     * One cipher per thread: {@code Cipher.getInstance} (a provider lookup) cost more than sealing a name, and each use
     * initialises it afresh (key, new IV), so nothing of one use carries into the next (issue 18).
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(this::newCipher);

    CipherSuite(String keyAlgorithm, String transformation, int keyBytes, String macAlgorithm, String keyIdPrefix,
                String hashKeyIdPrefix, Provider provider) {
        this.keyAlgorithm = keyAlgorithm;
        this.transformation = transformation;
        this.keyBytes = keyBytes;
        this.macAlgorithm = macAlgorithm;
        this.keyIdPrefix = keyIdPrefix;
        this.hashKeyIdPrefix = hashKeyIdPrefix;
        this.provider = provider;
    }

    /** The suite a key id names: {@code sm4.} ids are SM4, every other id AES. */
    public static CipherSuite ofKeyId(String keyId) {
        return keyId.startsWith(SM4.keyIdPrefix) ? SM4 : AES;
    }

    /** Bytes of an encryption key of this suite: 32 for AES-256, 16 for SM4. */
    public int keyBytes() {
        return keyBytes;
    }

    /** What starts the id of an encryption key of this suite. */
    public String keyIdPrefix() {
        return keyIdPrefix;
    }

    /** What starts the id of a hash key of this suite (the hashes' generation, stored beside them). */
    public String hashKeyIdPrefix() {
        return hashKeyIdPrefix;
    }

    /** The transformation, for messages. */
    public String transformation() {
        return transformation;
    }

    SecretKey encryptionKey(byte[] bytes) {
        return new SecretKeySpec(bytes, keyAlgorithm);
    }

    SecretKey macKey(byte[] bytes) {
        return new SecretKeySpec(bytes, macAlgorithm);
    }

    /** This thread's cipher of the suite, to be initialised by the caller before each use. */
    Cipher cipher() {
        return ciphers.get();
    }

    private Cipher newCipher() {
        try {
            return provider == null ? Cipher.getInstance(transformation) : Cipher.getInstance(transformation, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + transformation + " cipher in this JVM", e);
        }
    }

    Mac mac() throws GeneralSecurityException {
        return provider == null ? Mac.getInstance(macAlgorithm) : Mac.getInstance(macAlgorithm, provider);
    }
}
