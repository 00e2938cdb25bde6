package org.casehub.security;

import java.util.regex.Pattern;

/**
 * Masked forms of personal data for display and logs. Every method returns {@code null} for {@code null}.
 */
public final class Masking {

    /** 18-character resident IDs (check character digit or X) and old 15-digit ones, not inside longer digit runs. */
    private static final Pattern ID_NUMBER = Pattern.compile("(?<!\\d)(?:\\d{17}[\\dXx]|\\d{15})(?!\\d)");
    /** Mainland mobile numbers, not inside longer digit runs. */
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");

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

    /** Keeps the first 3 and last 4 digits: 138****1234; under 7 characters, all are masked. */
    public static String maskPhone(String phone) {
        return keepEnds(phone, 3, 4);
    }

    /**
     * Masks every resident ID number (18 or 15 characters) and mainland mobile number in free text, as
     * {@link #maskIdNumber} and {@link #maskPhone} do. Numbers inside longer digit runs, such as 20-digit
     * case numbers, are left alone.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        // Masked forms hold only digits, X, x and *, none of which is special in a replacement.
        String withoutIds = ID_NUMBER.matcher(text).replaceAll(match -> maskIdNumber(match.group()));
        return MOBILE.matcher(withoutIds).replaceAll(match -> maskPhone(match.group()));
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
