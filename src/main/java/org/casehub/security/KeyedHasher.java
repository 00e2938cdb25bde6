package org.casehub.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.Mac;

import org.casehub.core.PersonHashes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes (HMAC-SHA256 or HMAC-SM3 by the {@link CipherSuite}; 64 lowercase hex characters either way) that let
 * records be matched on an ID number, phone or name without storing it in the clear. A plain hash would not do: the
 * few billion possible phones and ID numbers are quickly hashed by anyone.
 * <p>
 * Input is normalized first, so that forms of one value written differently hash alike, and prefixed
 * with its kind, so that an ID number never hashes like a phone or name of the same characters. Stored
 * hashes depend on both, and on the key and suite: changing any makes them unmatchable, which is why a change of hash
 * key or suite keeps the previous one ({@link #previous()}) until the re-seal job has moved the stored hashes.
 * Thread-safe.
 */
@Component
public class KeyedHasher {

    private static final Pattern NON_DIGITS = Pattern.compile("\\D+");
    /** White space and the dots that separate the parts of transliterated names, e.g. 迪丽热巴·迪力木拉提. */
    private static final Pattern NAME_SEPARATORS =
            Pattern.compile("[\\s\\p{Z}\u00B7\u2027\u30FB\uFF65\u2022\u2219\u22C5]+");

    private final PiiKeys.HashKey key;
    /** null: no stored hashes being moved */
    private final KeyedHasher previous;
    /**
     * One Mac per thread, keyed once: a provider lookup and a keying per hash were most of a hash's cost, and a record
     * makes up to three per person (issue 18). {@link Mac#doFinal} leaves the Mac keyed and ready for the next.
     */
    private final ThreadLocal<Mac> macs;

    @Autowired
    public KeyedHasher(PiiKeys keys) {
        this(keys.hashKey(), keys.previousHashKey() == null ? null : new KeyedHasher(keys.previousHashKey(), null));
    }

    private KeyedHasher(PiiKeys.HashKey key, KeyedHasher previous) {
        this.key = key;
        this.previous = previous;
        this.macs = ThreadLocal.withInitial(this::keyedMac);
    }

    /** Id of the hash key and suite: the generation of the hashes this hasher makes. */
    public String keyId() {
        return key.id();
    }

    /**
     * The hasher of the previous hash key or suite while stored hashes are moved to this one, else {@code null}: an
     * arriving record is then matched under both, so that it finds the cases the re-seal job has not reached yet.
     */
    public KeyedHasher previous() {
        return previous;
    }

    /**
     * The hashes of a person's data as the pipeline stores them: a phone is hashed only when it is a valid number
     * ({@link Phones}), so that a typo'd number never joins two strangers' cases.
     */
    public PersonHashes person(String name, String idNumber, String phone) {
        return person(name, idNumber, Phones.parse(phone));
    }

    /** The same, of a phone already parsed ({@code null} when none is written): parsing it is a phone's dearest step. */
    public PersonHashes person(String name, String idNumber, Phones.Phone parsed) {
        return new PersonHashes(name(name), idNumber(idNumber), parsed != null && parsed.valid() ? phone(parsed.domestic()) : null);
    }

    /** Hash of a resident ID number, ignoring surrounding space and the case of the check character x. */
    public String idNumber(String idNumber) {
        // Only the check character can be a letter, so upper-casing all touches nothing else.
        return hash("id:", idNumber == null ? null : compatible(idNumber).strip().toUpperCase(Locale.ROOT));
    }

    /** Hash of a phone number's digits, without the country code 86 before an 11-digit number. */
    public String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = NON_DIGITS.matcher(compatible(phone)).replaceAll("");
        if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return hash("phone:", digits);
    }

    /** Hash of a name, ignoring white space and middle dots. */
    public String name(String name) {
        return hash("name:", name == null ? null : NAME_SEPARATORS.matcher(compatible(name)).replaceAll(""));
    }

    /** Folds full-width digits and letters, as Chinese input methods type them, into their ASCII forms. */
    private static String compatible(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /** {@code null} for nothing left to hash. */
    private String hash(String kind, String normalized) {
        if (normalized == null || normalized.isEmpty()) {
            return null;
        }
        return HexFormat.of().formatHex(macs.get().doFinal((kind + normalized).getBytes(StandardCharsets.UTF_8)));
    }

    private Mac keyedMac() {
        try {
            Mac mac = key.suite().mac();
            mac.init(key.key());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute the keyed hash " + key.id(), e);
        }
    }
}
