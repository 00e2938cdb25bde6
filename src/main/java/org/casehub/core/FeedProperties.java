package org.casehub.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The feed registry, {@code config/feeds.yaml}: one entry per source feed, keyed by feed id.
 *
 * @param feeds feed id → definition
 */
@ConfigurationProperties("casehub")
public record FeedProperties(Map<String, Feed> feeds) {

    public FeedProperties {
        // concurrent: a re-read registry adds entries while pipelines read them (refresh)
        feeds = feeds == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(feeds);
    }

    /**
     * Takes in the entries of the re-read registry file: new feeds and changed entries apply at once. An entry
     * removed from the file stays until a restart, since its route may still be running.
     */
    public void refresh(FeedProperties reread) {
        feeds.putAll(reread.feeds());
    }

    public Feed feed(String id) {
        Feed feed = feeds.get(id);
        if (feed == null) {
            throw new IllegalArgumentException("unknown feed '" + id + "': not in config/feeds.yaml");
        }
        return feed;
    }

    /**
     * @param name            human name of the source system
     * @param transport       kafka, http, jdbc, file…
     * @param source          the topic, URL or table it reads
     * @param owner           who runs the source system
     * @param contact         whom to call when it fails
     * @param expectedCadence longest normal silence of the feed; longer raises the silence alarm
     * @param enabled         whether its route runs
     * @param recordId        JSON Pointer of the record's id in the source record
     * @param version         JSON Pointer of the record's version
     * @param versionFormat   how the version is written: a number, or a time
     * @param defaultDivision division a case falls back to when its place cannot be resolved (at least the feed's city)
     */
    public record Feed(
            String name,
            String transport,
            String source,
            String owner,
            String contact,
            @DefaultValue("PT1H") Duration expectedCadence,
            @DefaultValue("true") boolean enabled,
            String recordId,
            String version,
            @DefaultValue("NUMBER") VersionFormat versionFormat,
            @DefaultValue("4403") String defaultDivision) {
    }

    public enum VersionFormat {
        /** an integer that grows with every change */
        NUMBER,
        /** an RFC 3339 time with offset */
        INSTANT,
        /** {@code yyyy-MM-dd HH:mm:ss} or ISO local time without offset: Beijing time */
        BEIJING_TIME
    }
}
