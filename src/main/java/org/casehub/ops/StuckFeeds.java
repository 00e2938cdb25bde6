package org.casehub.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which feeds are stuck: input waits (a consumer lag, rows waiting, a batch that failed) and no batch was stored for
 * {@code casehub.ops.stuck-after}. A poison record used to hold a feed for good while its health said UP and its
 * list entry "flowing" or "idle"; a stuck feed is DOWN, with the last error.
 */
final class StuckFeeds {

    private final Duration after;
    /** per feed, since when input has been waiting without a batch stored */
    private final Map<String, Instant> waitingSince = new ConcurrentHashMap<>();

    StuckFeeds(Duration after) {
        this.after = after;
    }

    /**
     * @param inputWaiting whether the source holds input not yet stored (lag or rows waiting above 0)
     * @param lastStored   when the index last committed a batch of the feed
     * @param failure      the failures of its batches since then
     * @return the reason it is stuck, or empty
     */
    Optional<String> judge(String feed, boolean inputWaiting, Optional<Instant> lastStored,
                           Optional<FeedActivity.Failure> failure, Instant now) {
        if (!inputWaiting && failure.isEmpty()) {
            waitingSince.remove(feed);
            return Optional.empty();
        }
        Instant since = waitingSince.merge(feed, failure.map(FeedActivity.Failure::first).orElse(now),
                (kept, seen) -> kept.isBefore(seen) ? kept : seen);
        if (lastStored.isPresent() && lastStored.get().isAfter(since)) {
            since = lastStored.get();
            waitingSince.put(feed, since);
        }
        long seconds = Duration.between(since, now).toSeconds();
        if (Duration.between(since, now).compareTo(after) <= 0) {
            return Optional.empty();
        }
        return Optional.of("no batch stored for " + FeedHealth.human(seconds) + " while input waits"
                + failure.map(f -> "; " + f.failures() + " failed attempt(s), the last at " + f.last() + ": " + f.error())
                .orElse(""));
    }
}
