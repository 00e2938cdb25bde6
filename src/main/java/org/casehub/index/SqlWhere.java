package org.casehub.index;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Conditions of a query joined by AND, with their parameters in order; and the index's times read as UTC. */
final class SqlWhere {

    final List<Object> parameters = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    void add(String condition, Object... values) {
        conditions.add(condition);
        parameters.addAll(List.of(values));
    }

    String sql() {
        return String.join(" AND ", conditions);
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
