package org.casehub.security;

import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phones as sources write them, checked and normalised with Google's libphonenumber (its numbering-plan metadata for
 * China knows which mobile and landline ranges exist, which a hand-kept pattern never kept up with: a 12-digit
 * "mobile" passed it). Numbers without a country code are read as mainland Chinese. Thread-safe.
 */
public final class Phones {

    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();
    private static final String HOME_REGION = "CN";
    /**
     * What a written phone may hold: digits (full-width too), a leading plus, and separators. libphonenumber would
     * drop or translate letters (it reads vanity numbers like 1-800-FLOWERS), so that 138a12341234 became valid.
     */
    private static final Pattern PHONE_CHARACTERS =
            Pattern.compile("[\\p{Nd}+\uFF0B()\uFF08\uFF09\\s\\p{Zs}\\-\u2010-\u2015\uFF0D.]+");

    private Phones() {
    }

    /**
     * A phone as written.
     *
     * @param written  the text as the source wrote it
     * @param valid    whether it is a number of an existing range (libphonenumber's {@code isValidNumber})
     * @param e164     the number in E.164, e.g. +8613812341234; {@code null} when invalid
     * @param domestic the digits dialled inside mainland China (13812341234, 075588881234; 00-less international
     *                 digits, e.g. 85291234567, for others): the form the keyed phone hash is computed on, as it
     *                 always was; {@code null} when invalid
     */
    public record Phone(String written, boolean valid, String e164, String domestic) {
    }

    /** The phone written, or {@code null} when nothing is written. */
    public static Phone parse(String written) {
        if (written == null || written.isBlank()) {
            return null;
        }
        String text = written.strip();
        if (!PHONE_CHARACTERS.matcher(text).matches()) {
            return invalid(written);
        }
        PhoneNumber number;
        try {
            number = NUMBERS.parse(text, HOME_REGION);
        } catch (NumberParseException e) {
            return invalid(written);
        }
        if (!NUMBERS.isValidNumber(number)) {
            return invalid(written);
        }
        String e164 = NUMBERS.format(number, PhoneNumberFormat.E164);
        String domestic = HOME_REGION.equals(NUMBERS.getRegionCodeForNumber(number))
                ? digits(NUMBERS.format(number, PhoneNumberFormat.NATIONAL))
                : e164.substring(1);
        return new Phone(written, true, e164, domestic);
    }

    private static Phone invalid(String written) {
        return new Phone(written, false, null, null);
    }

    private static String digits(String formatted) {
        return formatted.replaceAll("\\D", "");
    }
}
