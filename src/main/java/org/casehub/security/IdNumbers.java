package org.casehub.security;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Resident ID numbers of GB 11643: 6-digit region, 8-digit birth date (yyyyMMdd), 3-digit sequence and a
 * check character of ISO 7064 MOD 11-2.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    private IdNumbers() {
    }

    /**
     * Whether the text is an 18-character resident ID with a correct check character (X in either case)
     * and a birth date that exists.
     */
    public static boolean isValid(String idNumber) {
        if (idNumber == null || idNumber.length() != 18 || !isDigits(idNumber.substring(0, 17))) {
            return false;
        }
        return Character.toUpperCase(idNumber.charAt(17)) == checkCharacter(idNumber.substring(0, 17))
                && isDate(idNumber.substring(6, 14));
    }

    /**
     * The check character (0-9 or X) for the first 17 digits of a resident ID.
     *
     * @throws IllegalArgumentException unless given exactly 17 digits
     */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17 || !isDigits(first17)) {
            throw new IllegalArgumentException("a resident ID check character needs exactly 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static boolean isDigits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isDate(String yyyyMMdd) {
        try {
            LocalDate.of(Integer.parseInt(yyyyMMdd.substring(0, 4)), Integer.parseInt(yyyyMMdd.substring(4, 6)),
                    Integer.parseInt(yyyyMMdd.substring(6, 8)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
