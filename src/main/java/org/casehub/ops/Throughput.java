package org.casehub.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts of one thing over the last half hour, in ten-second slots: the count of the last minute, and one count
 * per minute for a sparkline. Thread-safe; older slots are reused as time moves on.
 */
final class Throughput {

    static final int SLOT_SECONDS = 10;
    static final int SLOTS_PER_MINUTE = 60 / SLOT_SECONDS;
    static final int MINUTES = 30;
    private static final int SLOTS = MINUTES * SLOTS_PER_MINUTE + SLOTS_PER_MINUTE;

    private final long[] counts = new long[SLOTS];
    private final long[] slotOf = new long[SLOTS];
    private long total;

    synchronized void add(Instant at, long n) {
        long slot = at.getEpochSecond() / SLOT_SECONDS;
        int i = (int) (slot % SLOTS);
        if (slotOf[i] != slot) {
            slotOf[i] = slot;
            counts[i] = 0;
        }
        counts[i] += n;
        total += n;
    }

    /** Counted in the last 60 seconds (the current slot and the five before it). */
    synchronized long lastMinute(Instant now) {
        long current = now.getEpochSecond() / SLOT_SECONDS;
        long sum = 0;
        for (long slot = current - SLOTS_PER_MINUTE + 1; slot <= current; slot++) {
            sum += count(slot);
        }
        return sum;
    }

    /** One count per minute over the last {@value #MINUTES} minutes, oldest first, the last ending now. */
    synchronized List<Long> perMinute(Instant now) {
        long current = now.getEpochSecond() / SLOT_SECONDS;
        List<Long> minutes = new ArrayList<>(MINUTES);
        for (int m = MINUTES - 1; m >= 0; m--) {
            long end = current - (long) m * SLOTS_PER_MINUTE;
            long sum = 0;
            for (long slot = end - SLOTS_PER_MINUTE + 1; slot <= end; slot++) {
                sum += count(slot);
            }
            minutes.add(sum);
        }
        return minutes;
    }

    synchronized long total() {
        return total;
    }

    private long count(long slot) {
        int i = (int) Math.floorMod(slot, (long) SLOTS);
        return slotOf[i] == slot ? counts[i] : 0;
    }
}
