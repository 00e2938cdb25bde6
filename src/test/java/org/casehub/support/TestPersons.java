package org.casehub.support;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.casehub.security.IdNumbers;

/**
 * Persons for test records: each record id gives a valid resident ID number of its own, so deduplication never
 * takes two tests' records for one person's grievance.
 */
public final class TestPersons {

    private TestPersons() {
    }

    /** A valid ID number in {@code region} (6 digits): a birth date and a sequence taken from {@code n}. */
    public static String idNumber(String region, long n) {
        String birth = LocalDate.of(1950, 1, 1).plusDays(n % 20_000).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = region + birth + String.format("%03d", n / 20_000 % 1000);
        return first17 + IdNumbers.checkCharacter(first17);
    }
}
