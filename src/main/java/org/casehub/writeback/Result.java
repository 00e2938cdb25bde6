package org.casehub.writeback;

import java.time.OffsetDateTime;

/**
 * One result to write back to one source record.
 *
 * @param resultId      casehub's id of the result: the event that published the report (the same on every retry)
 * @param recordId      the platform's record (12345 orderNo, the petition's XFJBH)
 * @param platformState the report's state as the platform writes it
 * @param unitName      the unit's name, or its code where the network has none
 * @param content       the answer, or the reason of a 退回
 */
record Result(String resultId, String recordId, String platformState, String unit, String unitName,
              String content, OffsetDateTime actedAt) {
}
