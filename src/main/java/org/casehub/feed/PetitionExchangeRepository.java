package org.casehub.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * XF_JBXX_EXCHANGE of the exchange database: new rows in SJC order, and the flags casehub owns. A
 * flag is set only where the row still has the SJC that was read and is still new, so a row the
 * provincial system re-sent in the meantime stays new and is taken again.
 */
public class PetitionExchangeRepository {

    static final List<String> COLUMNS = List.of("XFJBH", "XFXS", "XFMD", "XFRXM", "ZJHM", "LXDH", "RS", "WTSDD",
            "XXDZ", "NRFL", "BT", "XFNR", "SFSFSS", "DJSJ", "BLZT", "SJC");
    /** CLSM is varchar(500) */
    static final int MAX_REASON = 500;

    private final JdbcTemplate exchange;

    public PetitionExchangeRepository(JdbcTemplate exchange) {
        this.exchange = exchange;
    }

    public List<ExchangeRow> newRows(int limit) {
        return exchange.query("SELECT " + String.join(", ", COLUMNS) + " FROM XF_JBXX_EXCHANGE WHERE CLBZ = '0'"
                + " ORDER BY SJC, XFJBH FETCH FIRST " + limit + " ROWS ONLY", (rs, n) -> row(rs));
    }

    /** How many rows wait to be taken (CLBZ '0'): the feed's lag. */
    public long waiting() {
        Long n = exchange.queryForObject("SELECT COUNT(*) FROM XF_JBXX_EXCHANGE WHERE CLBZ = '0'", Long.class);
        return n == null ? 0 : n;
    }

    /** CLBZ '1': the index holds the row. False when the row changed since it was read. */
    public boolean markTaken(String xfjbh, LocalDateTime sjc) {
        return exchange.update("UPDATE XF_JBXX_EXCHANGE SET CLBZ = '1' WHERE XFJBH = ? AND SJC = ? AND CLBZ = '0'",
                xfjbh, sjc) == 1;
    }

    /**
     * CLBZ '2' with the reason: the row cannot be used (it is in casehub's quarantine). A row read without SJC (the
     * contract says NOT NULL; a careless source wrote one anyway) is flagged while it still has none; one whose SJC
     * could not be read (a front end with another column type) cannot be guarded by it, and is flagged while it is new.
     */
    public boolean markFailed(ExchangeRow row, String reason) {
        String clsm = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
        if (row.sjcUnreadable()) {
            return exchange.update("UPDATE XF_JBXX_EXCHANGE SET CLBZ = '2', CLSM = ? WHERE XFJBH = ? AND CLBZ = '0'",
                    clsm, row.xfjbh()) == 1;
        }
        if (row.sjc() == null) {
            return exchange.update("UPDATE XF_JBXX_EXCHANGE SET CLBZ = '2', CLSM = ? WHERE XFJBH = ? AND SJC IS NULL"
                    + " AND CLBZ = '0'", clsm, row.xfjbh()) == 1;
        }
        return exchange.update("UPDATE XF_JBXX_EXCHANGE SET CLBZ = '2', CLSM = ? WHERE XFJBH = ? AND SJC = ? AND CLBZ = '0'",
                clsm, row.xfjbh(), row.sjc()) == 1;
    }

    /**
     * The row as read. A value the driver cannot turn into the contract's type (a front end whose table differs, say
     * RS as text holding 三) fails that row alone, with the text the driver could give for it: the poll goes on.
     */
    private static ExchangeRow row(ResultSet rs) throws SQLException {
        Map<String, Object> columns = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            try {
                columns.put(column, value(rs, column));
            } catch (SQLException e) {
                unreadable.put(column, String.valueOf(e.getMessage()));
                text(rs, column).ifPresent(text -> columns.put(column, text));
            }
        }
        LocalDateTime sjc = columns.get("SJC") instanceof LocalDateTime time ? time : null;
        return new ExchangeRow(rs.getString("XFJBH"), sjc, columns, unreadable);
    }

    private static Object value(ResultSet rs, String column) throws SQLException {
        return switch (column) {
            // timestamps without zone read as they are written: Beijing time, whatever the JVM's zone
            case "DJSJ", "SJC" -> rs.getObject(column, LocalDateTime.class);
            case "RS" -> rs.getObject(column, Integer.class);
            case "XFNR" -> rs.getBytes(column);
            default -> rs.getString(column);
        };
    }

    /** What the driver can give of a value it cannot read as the contract's type, if anything. */
    private static Optional<String> text(ResultSet rs, String column) {
        try {
            return Optional.ofNullable(rs.getString(column));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
