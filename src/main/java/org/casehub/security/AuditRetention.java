package org.casehub.security;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * How long audit rows are kept: at least {@link #MINIMUM}, six months, as the Cybersecurity Law asks of
 * network logs. A period given partly in days counts a month as 31 days, its longest, so that it is never
 * shorter than six months: P186D is the shortest period in days.
 *
 * @param period how long, from {@code casehub.access.audit.retention}
 * @param zone   whose days round the cutoff down
 */
public record AuditRetention(Period period, ZoneId zone) {

    public static final Period MINIMUM = Period.ofMonths(6);

    private static final int LONGEST_MONTH_DAYS = 31;

    public AuditRetention {
        if (!atLeastMinimum(period)) {
            throw new IllegalStateException("casehub.access.audit.retention must be at least six months (P6M, or P"
                    + MINIMUM.toTotalMonths() * LONGEST_MONTH_DAYS + "D in days) but is " + period);
        }
    }

    static boolean atLeastMinimum(Period period) {
        if (period.isNegative()) {
            return false;
        }
        long months = period.toTotalMonths();
        long missingMonths = MINIMUM.toTotalMonths() - months;
        return missingMonths <= 0 || period.getDays() >= missingMonths * LONGEST_MONTH_DAYS;
    }

    /**
     * Rows older than this may be purged: the period back from {@code now}, rounded down to the start of that
     * day, so that a row is kept at least the whole period whatever the clocks of hub and database say.
     */
    public Instant cutoff(Instant now) {
        return now.atZone(zone).minus(period).truncatedTo(ChronoUnit.DAYS).toInstant();
    }
}
