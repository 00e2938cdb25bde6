package org.casehub.production;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the suite reads from the index database (as its superuser, beside the hub). */
final class IndexQueries {

    private IndexQueries() {
    }

    static List<String> strings(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    static long count(Connection c, String sql, Object... parameters) throws SQLException {
        return Long.parseLong(strings(c, sql, parameters).get(0));
    }
}
