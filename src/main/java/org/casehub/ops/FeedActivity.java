package org.casehub.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.casehub.core.FeedRecord;
import org.casehub.security.Masking;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What each feed handed the pipeline and what the index made of it, counted by routes/pipeline.camel.yaml around
 * the index transaction: records received, and per outcome of the store (CREATED, UPDATED, QUARANTINED, MERGED…, by
 * name, whatever outcomes the index has). Kept per ten seconds for the last half hour (per-minute rates,
 * sparklines) and as Micrometer meters: {@code casehub.feed.received}, {@code casehub.feed.records} (tag
 * {@code outcome}) and the timer {@code casehub.feed.batch}, from the pipeline's start to the commit.
 */
@Component("feedActivity")
public class FeedActivity implements Processor {

    public static final String RECEIVED = "received";
    private static final String STARTED = "casehubPipelineStarted";
    private static final String FEED = "casehubPipelineFeed";

    private final MeterRegistry meters;
    private final Clock clock;
    private final Instant startedAt;
    private final Map<String, Map<String, Throughput>> series = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRecord = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastStored = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    /**
     * The failures of a feed's batches since its last stored batch.
     *
     * @param first    the first of them
     * @param last     the latest
     * @param error    what the latest said (masked)
     * @param failures how many
     */
    public record Failure(Instant first, Instant last, String error, int failures) {
    }

    @Autowired
    public FeedActivity(MeterRegistry meters) {
        this(meters, Clock.systemUTC());
    }

    FeedActivity(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Before the pipeline: the batch of feed records as the feed's route handed it over. */
    public void received(Exchange exchange) {
        List<?> records = exchange.getMessage().getBody(List.class);
        if (records == null || records.isEmpty() || !(records.get(0) instanceof FeedRecord first)) {
            return;
        }
        Instant now = clock.instant();
        String feed = first.feed();
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.setProperty(FEED, feed);
        throughput(feed, RECEIVED).add(now, records.size());
        lastRecord.put(feed, now);
        Counter.builder("casehub.feed.received").description("source records handed to the pipeline")
                .tag("feed", feed).register(meters).increment(records.size());
    }

    /** After the index transaction committed: its outcome counts (StoreOutcome → count). */
    public void stored(Exchange exchange) {
        String feed = exchange.getProperty(FEED, String.class);
        Map<?, ?> outcomes = exchange.getMessage().getBody(Map.class);
        if (feed == null || outcomes == null) {
            return;
        }
        Instant now = clock.instant();
        lastStored.put(feed, now);
        failures.remove(feed);
        outcomes.forEach((outcome, count) -> {
            String name = outcome.toString().toLowerCase(Locale.ROOT);
            long n = ((Number) count).longValue();
            throughput(feed, name).add(now, n);
            Counter.builder("casehub.feed.records").description("source records stored, by what the index made of them")
                    .tag("feed", feed).tag("outcome", name).register(meters).increment(n);
        });
        Long started = exchange.getProperty(STARTED, Long.class);
        if (started != null) {
            Timer.builder("casehub.feed.batch").description("a batch from the pipeline's start to the index commit")
                    .tag("feed", feed).register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A batch that the pipeline could not store, as its error handler reports it before trying it again
     * (routes/pipeline.camel.yaml, {@code onExceptionOccurredRef}): for the feed's stuck detection.
     */
    @Override
    public void process(Exchange exchange) {
        String feed = exchange.getProperty(FEED, String.class);
        Exception error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (feed == null || error == null) {
            return;
        }
        Instant now = clock.instant();
        String text = Masking.scrub(error.getClass().getSimpleName() + ": " + error.getMessage());
        failures.merge(feed, new Failure(now, now, text, 1),
                (before, latest) -> new Failure(before.first(), now, text, before.failures() + 1));
    }

    /** When the index last committed a batch of the feed. */
    public Optional<Instant> lastStored(String feed) {
        return Optional.ofNullable(lastStored.get(feed));
    }

    /** Its batches' failures since the last one stored, if any. */
    public Optional<Failure> failure(String feed) {
        return Optional.ofNullable(failures.get(feed));
    }

    /** Counted in the last minute, by what (received, or an outcome in lower case). */
    public Map<String, Long> lastMinute(String feed) {
        Instant now = clock.instant();
        Map<String, Long> counts = new java.util.TreeMap<>();
        series.getOrDefault(feed, Map.of()).forEach((what, t) -> counts.put(what, t.lastMinute(now)));
        return counts;
    }

    /** Totals since the hub started, by what. */
    public Map<String, Long> totals(String feed) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        series.getOrDefault(feed, Map.of()).forEach((what, t) -> counts.put(what, t.total()));
        return counts;
    }

    /** Records received per minute over the last half hour, oldest first. */
    public List<Long> receivedPerMinute(String feed) {
        Throughput t = series.getOrDefault(feed, Map.of()).get(RECEIVED);
        return t == null ? new Throughput().perMinute(clock.instant()) : t.perMinute(clock.instant());
    }

    /** Totals of one outcome over every feed since the hub started. */
    public long total(String what) {
        return series.values().stream().map(m -> m.get(what)).filter(t -> t != null).mapToLong(Throughput::total).sum();
    }

    public Optional<Instant> lastRecord(String feed) {
        return Optional.ofNullable(lastRecord.get(feed));
    }

    public Instant startedAt() {
        return startedAt;
    }

    private Throughput throughput(String feed, String what) {
        return series.computeIfAbsent(feed, f -> new ConcurrentHashMap<>()).computeIfAbsent(what, w -> new Throughput());
    }
}
