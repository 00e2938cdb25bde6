package org.casehub.feed;

import java.time.Instant;

import org.casehub.core.FeedProperties;

/**
 * A source adapter — the bean a feed's route calls to take records from one transport — reporting on the feeds it
 * serves: whether their source answers and how far behind they are. The feeds' health (ops) asks the adapter whose
 * {@link #transport()} a feed's entry in config/feeds.yaml names, among all the adapters Spring finds, so a new
 * transport brings its own health and lag and needs no edit there. One adapter per transport; a transport without
 * one reports neither, and its feed is judged by its routes' Camel health checks alone.
 */
public interface SourceAdapter {

    /** The transport it serves, as config/feeds.yaml writes it: kafka, http, jdbc, file, … */
    String transport();

    /** What it knows of the feed's source now; {@link Report#NONE} when the transport has nothing to tell. */
    default Report report(String feed, FeedProperties.Feed definition, Instant now) {
        return Report.NONE;
    }

    /**
     * @param source whether the source answers, as the adapter last saw it: for adapters that catch their source's
     *               failures (to back off rather than fail the route); null when its route fails on its own and
     *               Camel's checks judge it
     * @param lag    how far behind the feed is at its source; null when the transport has no such measure
     */
    record Report(SourceHealth.State source, Lag lag) {

        public static final Report NONE = new Report(null, null);
    }

    /**
     * @param kind   consumer lag (records), watermark age (seconds) or rows waiting (rows)
     * @param value  null when the source did not tell
     * @param detail the watermark, or why the value is unknown
     */
    record Lag(String kind, Long value, String unit, String detail) {

        /** Whether input waits at the source: a consumer lag or rows waiting; a watermark's age says nothing of it. */
        public boolean inputWaiting() {
            return value != null && value > 0 && !"seconds".equals(unit);
        }
    }
}
