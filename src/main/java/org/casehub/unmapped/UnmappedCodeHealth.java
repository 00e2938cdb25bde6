package org.casehub.unmapped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.casehub.health.OpsProperties;
import org.casehub.index.UnmappedCodes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Per feed, the records stored within {@code casehub.ops.unmapped.window} and how many with a fallback for a code
 * its classification lists did not know; above {@code alarm-share} (with at least {@code alarm-min-records} stored)
 * the feed's health warns and the alarm is raised: the source's taxonomy has outgrown its list, and an operator adds
 * the codes (GET /api/unmapped-codes) and re-maps their cases. Read from the index (every instance's records),
 * at most every {@code casehub.ops.refresh}; gauges {@code casehub.feed.unmapped.*} per feed.
 */
@Component
public class UnmappedCodeHealth {

    /**
     * @param stored       records stored within the window
     * @param withFallback of them, stored with a fallback for an unmapped code
     * @param share        withFallback / stored (0 when none stored)
     * @param alarm        the share is above the alarm level
     */
    public record Unmapped(String window, long stored, long withFallback, double share, boolean alarm) {
    }

    private final UnmappedCodes codes;
    private final UnmappedProperties properties;
    private final Duration refresh;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private Map<String, Unmapped> last = Map.of();
    private Instant lastAt = Instant.EPOCH;

    @Autowired
    public UnmappedCodeHealth(UnmappedCodes codes, UnmappedProperties properties, OpsProperties ops, MeterRegistry meters) {
        this(codes, properties, ops.refresh(), meters, Clock.systemUTC());
    }

    UnmappedCodeHealth(UnmappedCodes codes, UnmappedProperties properties, Duration refresh, MeterRegistry meters,
                       Clock clock) {
        this.codes = codes;
        this.properties = properties;
        this.refresh = refresh;
        this.meters = meters;
        this.clock = clock;
    }

    /** The feed's figures; none stored when the index has no record of it within the window. */
    public Unmapped of(String feed) {
        Unmapped found = byFeed().get(feed);
        if (found == null) {
            found = new Unmapped(properties.window().toString(), 0, 0, 0, false);
        }
        register(feed);
        return found;
    }

    /** One alarm per feed whose share is above the alarm level. */
    public List<String> alarms() {
        List<String> alarms = new ArrayList<>();
        byFeed().forEach((feed, u) -> {
            if (u.alarm()) {
                alarms.add(String.format(Locale.ROOT, "%s: %d of %d records (%.0f %%) stored within %s with a fallback for"
                        + " codes its classification lists do not know (above %.0f %%): add them (GET /api/unmapped-codes)"
                        + " and re-map", feed, u.withFallback(), u.stored(), u.share() * 100, properties.window(),
                        properties.alarmShare() * 100));
            }
        });
        return alarms;
    }

    private synchronized Map<String, Unmapped> byFeed() {
        Instant now = clock.instant();
        if (Duration.between(lastAt, now).compareTo(refresh) >= 0) {
            Map<String, Unmapped> computed = new java.util.TreeMap<>();
            codes.shares(properties.window(), now.atOffset(ZoneOffset.UTC)).forEach((feed, s) -> computed.put(feed,
                    new Unmapped(properties.window().toString(), s.stored(), s.withFallback(), s.share(),
                            s.stored() >= properties.alarmMinRecords() && s.share() > properties.alarmShare())));
            last = computed;
            lastAt = now;
        }
        return last;
    }

    private void register(String feed) {
        if (!gauged.add(feed)) {
            return;
        }
        Gauge.builder("casehub.feed.unmapped.records", this, h -> h.of(feed).withFallback())
                .description("records stored within casehub.ops.unmapped.window with a fallback for an unmapped code")
                .tag("feed", feed).register(meters);
        Gauge.builder("casehub.feed.unmapped.share", this, h -> h.of(feed).share())
                .description("share of the records stored within casehub.ops.unmapped.window with a fallback")
                .tag("feed", feed).register(meters);
        Gauge.builder("casehub.feed.unmapped.alarm", this, h -> h.of(feed).alarm() ? 1.0 : 0.0)
                .description("1 while the feed's share of records stored with a fallback is above the alarm level")
                .tag("feed", feed).register(meters);
    }
}
