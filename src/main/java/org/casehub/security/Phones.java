package org.casehub.security;

import java.util.regex.Pattern;

/** Mainland China phone numbers. */
public final class Phones {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private Phones() {
    }

    /** Whether the text is exactly an 11-digit mainland mobile number (1, then 3-9, then 9 digits). */
    public static boolean isValidMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }
}
