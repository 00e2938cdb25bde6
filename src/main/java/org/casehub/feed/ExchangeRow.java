package org.casehub.feed;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One row of XF_JBXX_EXCHANGE as read: its key, the SJC read (which guards the flag update) and
 * every contract column but casehub's own CLBZ and CLSM.
 *
 * @param columns column name → value (String, Integer, LocalDateTime; XFNR as its raw GBK bytes)
 */
public record ExchangeRow(String xfjbh, LocalDateTime sjc, Map<String, Object> columns) {
}
