package org.casehub.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The part of the network a client sees, resolved by {@link DivisionScopes}: a case is inside when its
 * division code starts with one of {@link #includes()} and with none of {@link #excludes()}. The excludes
 * are the divisions a functional zone took over from an official unit that does not administer the zone.
 *
 * @param code     the scope as configured: a division code or a zone's code
 * @param kind     {@code province}, {@code city}, {@code district}, {@code street}, {@code community} or
 *                 {@code zone}
 * @param name     the division's or zone's name
 * @param includes code prefixes of the cases inside (official codes, and a zone's own code); never empty
 * @param excludes official code prefixes of cases that are not, although an include matches them
 */
public record DivisionScope(String code, String kind, String name, List<String> includes, List<String> excludes) {

    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]+");

    public DivisionScope {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        if (includes.isEmpty()) {
            throw new IllegalArgumentException("scope " + code + " includes nothing");
        }
        // Prefixes become LIKE patterns: only digits and a zone code's capitals, so that none can carry a wildcard.
        for (String prefix : concat(includes, excludes)) {
            if (!CODE.matcher(prefix).matches()) {
                throw new IllegalArgumentException("scope " + code + " has the prefix '" + prefix
                        + "', not digits and capital letters");
            }
        }
    }

    /**
     * The condition on a division-code column that keeps the rows of this scope only; every query of cases
     * (lists, counts, single reads) adds it, so that a case outside the scope is never read.
     *
     * @param column the column, optionally qualified by a table alias: {@code division_code}, {@code c.division_code}
     */
    public ScopeRestriction restriction(String column) {
        if (!COLUMN.matcher(column).matches()) {
            throw new IllegalArgumentException("not a column name: " + column);
        }
        List<Object> parameters = new ArrayList<>();
        String sql = "(" + anyPrefix(column, includes, parameters) + ")";
        if (!excludes.isEmpty()) {
            sql += " AND NOT (" + anyPrefix(column, excludes, parameters) + ")";
        }
        return new ScopeRestriction("(" + sql + ")", parameters);
    }

    /** Whether a division or unit code lies inside this scope (the same test as {@link #restriction}, in memory). */
    public boolean contains(String divisionCode) {
        return divisionCode != null && includes.stream().anyMatch(divisionCode::startsWith)
                && excludes.stream().noneMatch(divisionCode::startsWith);
    }

    private static String anyPrefix(String column, List<String> prefixes, List<Object> parameters) {
        prefixes.forEach(prefix -> parameters.add(prefix + "%"));
        return prefixes.stream().map(prefix -> column + " LIKE ?").collect(Collectors.joining(" OR "));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
