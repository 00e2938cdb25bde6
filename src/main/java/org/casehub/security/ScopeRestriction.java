package org.casehub.security;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition for a query's WHERE clause that keeps only the rows inside a client's scope, with its bind
 * parameters. {@link #sql()} is parenthesised, so it can be joined with {@code AND} anywhere.
 *
 * @param sql        the condition, with a {@code ?} per parameter
 * @param parameters the values of those {@code ?}, in order
 */
public record ScopeRestriction(String sql, List<Object> parameters) {

    public ScopeRestriction {
        parameters = List.copyOf(parameters);
    }

    /** The parameters of a query that binds {@code leading} before this condition, then this condition's. */
    public Object[] after(Object... leading) {
        List<Object> all = new ArrayList<>(List.of(leading));
        all.addAll(parameters);
        return all.toArray();
    }
}
