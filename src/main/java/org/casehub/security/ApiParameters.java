package org.casehub.security;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parameters of the HTTP API read strictly: a value the hub cannot use is an {@link IllegalArgumentException} (400). */
public final class ApiParameters {

    private ApiParameters() {
    }

    /**
     * A time with offset, or {@code null} for none. Years outside 0001–9999 are refused here: java.time reads
     * {@code +999999999-01-01T00:00:00Z}, but no database column holds it (it failed the query, a 500).
     */
    public static OffsetDateTime time(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + " must be a time with offset, e.g. 2026-11-25T08:00:00+08:00");
        }
        if (time.getYear() < 1 || time.getYear() > 9999) {
            throw new IllegalArgumentException(parameter + " must lie in the years 0001 to 9999");
        }
        return time;
    }
}
