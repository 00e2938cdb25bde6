package org.casehub.core;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Conditions of a query joined by AND, with their parameters in order; and the index's times read as UTC. */
public final class SqlWhere {

    public final List<Object> parameters = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    public void add(String condition, Object... values) {
        conditions.add(condition);
        parameters.addAll(List.of(values));
    }

    public String sql() {
        return String.join(" AND ", conditions);
    }

    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    public static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
