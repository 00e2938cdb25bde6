package org.casehub.index;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a case list or count asks for, on top of the caller's scope; every field optional (null: any).
 *
 * @param divisionPrefix a division code prefix (digits): the case's division starts with it
 * @param categories     unified categories, any of
 * @param statuses       unified statuses, any of
 * @param feed           a feed one of the case's source records came from
 * @param updatedFrom    updated at or after
 * @param updatedTo      updated before
 * @param createdFrom    created in the index at or after
 * @param createdTo      created before
 * @param lawRelated     涉法涉诉 or not
 * @param group          集体访 or not
 * @param manualRouting  flagged for a person to route, or not
 * @param overdue        with a running deadline past due (true), or with none (false)
 * @param dueWithin      with a running deadline not yet past due that falls due within this
 * @param mediationOffered offered to a mediation body (信调联动), or not
 */
public record CaseFilter(String divisionPrefix, List<String> categories, List<String> statuses, String feed,
                         OffsetDateTime updatedFrom, OffsetDateTime updatedTo, OffsetDateTime createdFrom,
                         OffsetDateTime createdTo, Boolean lawRelated, Boolean group, Boolean manualRouting,
                         Boolean overdue, Duration dueWithin, Boolean mediationOffered) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");

    public static final CaseFilter NONE = new CaseFilter(null, List.of(), List.of(), null, null, null, null, null, null,
            null, null, null, null, null);

    public CaseFilter {
        // the prefix becomes a LIKE pattern: digits only, so that it cannot carry a wildcard
        if (divisionPrefix != null && !DIGITS.matcher(divisionPrefix).matches()) {
            throw new IllegalArgumentException("division must be a division code prefix of 1 to 12 digits");
        }
        if (dueWithin != null && (dueWithin.isNegative() || dueWithin.isZero())) {
            throw new IllegalArgumentException("dueWithin must be a positive ISO-8601 duration, e.g. P2D or PT12H");
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }
}
