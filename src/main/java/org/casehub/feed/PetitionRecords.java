package org.casehub.feed;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.BeijingTime;
import org.casehub.core.FeedRecord;
import org.casehub.core.GbkText;
import org.casehub.core.RecordRejectedException;
import org.springframework.stereotype.Component;

/**
 * A row of the exchange table as the pipeline's source record: a JSON object (UTF-8) keyed by the
 * contract's column names, times as {@code yyyy-MM-dd HH:mm:ss} (Beijing time, as stored), XFNR as the
 * text its GBK bytes hold. A row whose XFNR is not valid GBK is handed over already rejected, with the
 * original bytes (XFNR_GBK_BASE64) so that nothing is lost; so is a row with a column the driver could not read as the
 * contract's type, with the text the driver gave for it.
 */
@Component
public class PetitionRecords {

    public static final String FEED = "provincial-petition";
    public static final String TABLE = "XF_JBXX_EXCHANGE";

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    private final ObjectMapper json;

    public PetitionRecords(ObjectMapper json) {
        this.json = json;
    }

    public FeedRecord toRecord(ExchangeRow row, Instant receivedAt) {
        ObjectNode source = json.createObjectNode();
        RecordRejectedException rejection = null;
        for (Map.Entry<String, Object> column : row.columns().entrySet()) {
            String name = column.getKey();
            Object value = column.getValue();
            if (value == null) {
                continue;
            }
            if (value instanceof LocalDateTime time) {
                source.put(name, TIME.format(time));
            } else if (value instanceof Integer number) {
                source.put(name, number);
            } else if (value instanceof byte[] bytes) {
                try {
                    source.put(name, GbkText.decode(bytes));
                } catch (GbkText.MalformedGbkException e) {
                    source.put(name + "_GBK_BASE64", Base64.getEncoder().encodeToString(bytes));
                    rejection = new RecordRejectedException("decode", name + " is " + e.getMessage());
                }
            } else {
                source.put(name, value.toString());
            }
        }
        if (!row.unreadable().isEmpty()) {
            // the column the driver could not read is in the record as the text it gave, if any; its reason wins
            rejection = new RecordRejectedException("read", row.unreadable().entrySet().stream()
                    .map(c -> c.getKey() + " cannot be read as the contract's type: " + c.getValue()).toList());
        }
        FeedRecord record = new FeedRecord(FEED, bytes(source), position(row), receivedAt);
        if (row.sjc() == null && !row.sjcUnreadable()) {
            // no version, so no idempotency key and no flag guard: the row alone is refused, not its batch
            record.identified(row.xfjbh(), null);
            record.reject(new RecordRejectedException("identity", "SJC is NULL: the row has no version to be stored under"));
        } else if (rejection != null) {
            record.identified(row.xfjbh(), row.sjc() == null ? null : versionOf(row.sjc()));
            record.reject(rejection);
        }
        return record;
    }

    /** The source version: SJC as epoch milliseconds, Beijing time. */
    public static long versionOf(LocalDateTime sjc) {
        return sjc.atZone(BeijingTime.ZONE).toInstant().toEpochMilli();
    }

    private static Map<String, Object> position(ExchangeRow row) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("table", TABLE);
        position.put("XFJBH", row.xfjbh());
        position.put("SJC", row.sjc() == null ? null : TIME.format(row.sjc()));
        return position;
    }

    private byte[] bytes(ObjectNode source) {
        try {
            return json.writeValueAsBytes(source);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an exchange row as JSON", e);
        }
    }
}
