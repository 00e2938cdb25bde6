package org.casehub.progress;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.casehub.core.BeijingTime;

/**
 * One unit's report on a case, as the HTTP body or the Artemis message carries it.
 *
 * @param resultId the unit's id of this result: the same id sent again changes nothing
 * @param unit     the unit that acted (division code or zone code)
 * @param state    受理, 办理中, 答复, 办结 or 退回
 * @param reason   why (退回)
 * @param text     the answer or the note, as the unit wrote it
 * @param actedAt  when the unit acted
 */
public record ProgressReport(String caseId, String resultId, String unit, String state, String reason, String text,
                             Instant actedAt) {

    static final int MAX_RESULT_ID = 64;
    static final int MAX_REASON = 500;
    static final int MAX_TEXT = 2000;

    /**
     * Reads and checks a report's fields; {@code defaultUnit} stands for a missing unit (an HTTP caller's own).
     *
     * @throws IllegalArgumentException naming the first field that is missing or wrong
     */
    static ProgressReport read(String caseId, Map<String, Object> body, String defaultUnit) {
        if (body == null) {
            throw new IllegalArgumentException("a report needs a JSON object body");
        }
        String unit = optional(body, "unit", 16);
        return new ProgressReport(required(Map.of("caseId", caseId == null ? "" : caseId), "caseId", 26),
                required(body, "resultId", MAX_RESULT_ID), unit == null ? defaultUnit : unit, required(body, "state", 8),
                optional(body, "reason", MAX_REASON), optional(body, "text", MAX_TEXT), time(required(body, "time", 40)));
    }

    /** {@code 2026-12-05T09:30:00+08:00}, or Beijing time without an offset: {@code 2026-12-05 09:30:00}. */
    static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                return BeijingTime.parse(value);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("time: not a date-time: " + value);
            }
        }
    }

    private static String required(Map<String, Object> body, String field, int max) {
        String value = optional(body, field, max);
        if (value == null) {
            throw new IllegalArgumentException(field + ": required");
        }
        return value;
    }

    private static String optional(Map<String, Object> body, String field, int max) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return text.strip();
    }
}
