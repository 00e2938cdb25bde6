package org.casehub.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Source times without an offset are Beijing time, whatever the JVM's zone: the 12345 platform and the provincial
 * exchange table write local wall-clock times, and every step that reads one (identity, mapping, the pull's
 * watermark) must read it the same way.
 */
public final class BeijingTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter()
            // SMART would turn 2026-02-30 into 2026-02-28 and 24:00:00 into the next day
            .withResolverStyle(ResolverStyle.STRICT);

    private BeijingTime() {
    }

    /** {@code 2026-03-01 08:30:00} (or with a T, or with a fraction) as the instant it names in Beijing. */
    public static Instant parse(String value) {
        return LocalDateTime.parse(value, FORMAT).atZone(ZONE).toInstant();
    }
}
