package org.casehub.cases;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The span of an Open311 request search, by GeoReport v2's rules: at most {@code maxDays} between start_date and
 * end_date; without either, the last {@code maxDays} days; with one, that many days from or to it.
 *
 * @param start inclusive
 * @param end   exclusive
 */
public record Open311Window(OffsetDateTime start, OffsetDateTime end) {

    /**
     * @throws IllegalArgumentException when the dates are not W3C date-times, end before start, or too far apart
     */
    public static Open311Window of(String startDate, String endDate, OffsetDateTime now, int maxDays) {
        OffsetDateTime start = parse("start_date", startDate);
        OffsetDateTime end = parse("end_date", endDate);
        Duration span = Duration.ofDays(maxDays);
        if (start == null && end == null) {
            return new Open311Window(now.minus(span), now);
        }
        if (start == null) {
            return new Open311Window(end.minus(span), end);
        }
        if (end == null) {
            return new Open311Window(start, start.plus(span));
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end_date is before start_date");
        }
        if (Duration.between(start, end).compareTo(span) > 0) {
            throw new IllegalArgumentException("start_date and end_date may be at most " + maxDays + " days apart");
        }
        return new Open311Window(start, end);
    }

    private static OffsetDateTime parse(String parameter, String text) {
        if (CaseApi.blank(text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + " must be a W3C date-time with offset, e.g. 2026-11-25T08:00:00+08:00");
        }
    }
}
