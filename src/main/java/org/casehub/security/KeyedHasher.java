package org.casehub.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

/**
 * Keyed hashes (HMAC-SHA256, 64 lowercase hex characters) that let records be matched on an ID number,
 * phone or name without storing it in the clear. A plain hash would not do: the few billion possible
 * phones and ID numbers are quickly hashed by anyone.
 * <p>
 * Input is normalized first, so that forms of one value written differently hash alike, and prefixed
 * with its kind, so that an ID number never hashes like a phone or name of the same characters. Stored
 * hashes depend on both: changing either makes them unmatchable. Thread-safe.
 */
@Component
public class KeyedHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern NON_DIGITS = Pattern.compile("\\D+");
    /** White space and the dots that separate the parts of transliterated names, e.g. 迪丽热巴·迪力木拉提. */
    private static final Pattern NAME_SEPARATORS =
            Pattern.compile("[\\s\\p{Z}\u00B7\u2027\u30FB\uFF65\u2022\u2219\u22C5]+");

    private final SecretKey key;

    public KeyedHasher(PiiKeys keys) {
        this.key = keys.hashKey();
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
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((kind + normalized).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute " + ALGORITHM, e);
        }
    }
}
