package org.casehub.feed;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One row of XF_JBXX_EXCHANGE as read: its key, the SJC read (which guards the flag update) and
 * every contract column but casehub's own CLBZ and CLSM.
 *
 * @param sjc        null when the row has none, or when it could not be read ({@code unreadable} says which)
 * @param columns    column name → value (String, Integer, LocalDateTime; XFNR as its raw GBK bytes); a column that
 *                   could not be read as the contract's type holds the text the driver gave for it, if any
 * @param unreadable column name → why the driver could not read it as the contract's type (a front end whose table
 *                   differs from the contract): the row alone fails, not its batch
 */
public record ExchangeRow(String xfjbh, LocalDateTime sjc, Map<String, Object> columns, Map<String, String> unreadable) {

    /** A row whose every column was read. */
    public ExchangeRow(String xfjbh, LocalDateTime sjc, Map<String, Object> columns) {
        this(xfjbh, sjc, columns, Map.of());
    }

    /** Whether its SJC exists but could not be read: the flag update cannot be guarded by it. */
    public boolean sjcUnreadable() {
        return unreadable.containsKey("SJC");
    }
}
