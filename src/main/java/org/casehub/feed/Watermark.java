package org.casehub.feed;

import java.time.LocalDateTime;
import java.util.Comparator;

/**
 * How far a pulled feed has read: the source time and record id of the last record the index stored.
 * The source orders its records by (time, id), so a record is new exactly when its pair is above this one.
 *
 * @param time     the record's change time as the source writes it (its local time; Beijing for 12345)
 * @param recordId the record's id, breaking ties between records changed in the same second
 */
public record Watermark(LocalDateTime time, String recordId) implements Comparable<Watermark> {

    private static final Comparator<Watermark> ORDER =
            Comparator.comparing(Watermark::time).thenComparing(Watermark::recordId);

    @Override
    public int compareTo(Watermark other) {
        return ORDER.compare(this, other);
    }

    public boolean isAbove(Watermark other) {
        return other == null || compareTo(other) > 0;
    }
}
