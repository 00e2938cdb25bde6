package org.casehub.security;

import java.util.regex.Pattern;

/**
 * Masked forms of personal data for display and logs. Every method returns {@code null} for {@code null}.
 */
public final class Masking {

    /** 18-character resident IDs (check character digit or X) and old 15-digit ones, not inside longer digit runs. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<!\\d)(?:\\d{17}[\\dXx]|\\d{15})(?!\\d)");
    /** a digit, ASCII or full-width (as Chinese input methods type them) */
    private static final String DIGIT = "[0-9\uFF10-\uFF19]";
    /** one separator people write inside a phone: space, ideographic space, hyphen, dash, full-width hyphen, dot */
    private static final String SEPARATOR = "[ \u3000\\-\u2010-\u2015\uFF0D.]";
    /**
     * Mainland mobile numbers in every written form: with or without +86, 86 or 0086 before them, spaced or hyphenated
     * anywhere, in ASCII or full-width digits — not inside longer digit runs.
     */
    private static final Pattern MOBILE = Pattern.compile("(?<!" + DIGIT + ")"
            + "(?:(?:[+\uFF0B]|00|\uFF10\uFF10)?(?:86|\uFF18\uFF16)" + SEPARATOR + "?)?"
            + "[1\uFF11]" + SEPARATOR + "?[3-9\uFF13-\uFF19](?:" + SEPARATOR + "?" + DIGIT + "){9}"
            + "(?!" + DIGIT + ")");

    private Masking() {
    }

    /** Keeps the first character: 张三 → 张*, 欧阳娜娜 → 欧***, a one-character name → *. */
    public static String maskName(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            return trimmed;
        }
        // Code points, so that a rare character outside the BMP counts as one.
        int first = trimmed.codePointAt(0);
        int others = trimmed.codePointCount(0, trimmed.length()) - 1;
        return others == 0 ? "*" : new StringBuilder().appendCodePoint(first).append("*".repeat(others)).toString();
    }

    /** Keeps the first 6 (region) and last 4 characters: 440303********5246; under 10 characters, all are masked. */
    public static String maskIdNumber(String idNumber) {
        return keepEnds(idNumber, 6, 4);
    }

    /**
     * Keeps the first 3 and last 4 digits of the number and whatever is written around them (a country code +86, 86 or
     * 0086 before a mobile, spaces, hyphens; full-width digits stay full-width): 138****1234, +86 138 **** 1234,
     * 075*-****-1234. A malformed phone is masked by its digits all the same (138*****6789 for 12 digits); with fewer
     * than 7 digits, every character is masked.
     */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String trimmed = phone.strip();
        long digits = trimmed.codePoints().filter(Character::isDigit).count();
        if (digits < 7) {
            return "*".repeat(trimmed.length());
        }
        String plain = trimmed.codePoints().filter(Character::isDigit)
                .map(c -> Character.forDigit(Character.digit(c, 10), 10))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int countryCode = plain.length() == 13 && plain.startsWith("861") ? 2
                : plain.length() == 15 && plain.startsWith("00861") ? 4 : 0;
        long keepTo = countryCode + 3;
        long maskTo = digits - 4;
        StringBuilder masked = new StringBuilder(trimmed.length());
        int seen = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isDigit(c)) {
                masked.append(seen >= keepTo && seen < maskTo ? '*' : c);
                seen++;
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    /**
     * Masks every resident ID number (18 or 15 characters) and mainland mobile number (in any written form, see
     * {@link #MOBILE}) in free text, as {@link #maskIdNumber} and {@link #maskPhone} do. Numbers inside longer digit
     * runs, such as 20-digit case numbers, are left alone.
     */
    public static String scrub(String text) {
        // Both patterns need 11 digits or more, which most free text lacks: counting them is far cheaper than the
        // patterns' look-behinds, and every record's title, description and address pass here (issue 18).
        if (text == null || digits(text) < 11) {
            return text;
        }
        // Masked forms hold only digits, X, x and *, none of which is special in a replacement.
        String withoutIds = ID_NUMBER.matcher(text).replaceAll(match -> maskIdNumber(match.group()));
        return MOBILE.matcher(withoutIds).replaceAll(match -> maskPhone(match.group()));
    }

    /** The digits, ASCII or full-width, that the patterns count. */
    private static int digits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c >= '\uFF10' && c <= '\uFF19') {
                digits++;
            }
        }
        return digits;
    }

    private static String keepEnds(String value, int head, int tail) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        int length = trimmed.length();
        if (length < head + tail) {
            return "*".repeat(length);
        }
        return trimmed.substring(0, head) + "*".repeat(length - head - tail) + trimmed.substring(length - tail);
    }
}
