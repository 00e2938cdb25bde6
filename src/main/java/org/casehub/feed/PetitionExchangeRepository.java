package org.casehub.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * contract says NOT NULL; a careless source wrote one anyway) is flagged while it still has none.
     */
    public boolean markFailed(String xfjbh, LocalDateTime sjc, String reason) {
        String clsm = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
        if (sjc == null) {
            return exchange.update("UPDATE XF_JBXX_EXCHANGE SET CLBZ = '2', CLSM = ? WHERE XFJBH = ? AND SJC IS NULL"
                    + " AND CLBZ = '0'", clsm, xfjbh) == 1;
        }
        return exchange.update("UPDATE XF_JBXX_EXCHANGE SET CLBZ = '2', CLSM = ? WHERE XFJBH = ? AND SJC = ? AND CLBZ = '0'",
                clsm, xfjbh, sjc) == 1;
    }

    private static ExchangeRow row(ResultSet rs) throws SQLException {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            Object value = switch (column) {
                // timestamps without zone read as they are written: Beijing time, whatever the JVM's zone
                case "DJSJ", "SJC" -> rs.getObject(column, LocalDateTime.class);
                case "RS" -> rs.getObject(column, Integer.class);
                case "XFNR" -> rs.getBytes(column);
                default -> rs.getString(column);
            };
            columns.put(column, value);
        }
        return new ExchangeRow(rs.getString("XFJBH"), rs.getObject("SJC", LocalDateTime.class), columns);
    }
}
