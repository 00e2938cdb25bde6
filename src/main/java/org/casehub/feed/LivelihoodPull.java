package org.casehub.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.Exchange;
import org.casehub.cluster.LeaderLeases;
import org.casehub.core.BeijingTime;
import org.casehub.core.FeedProperties;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.feed.WorkOrderPaging.Order;
import org.casehub.feed.WorkOrderPaging.Selection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * The livelihood feed's incremental pull (contracts §2), one page per call, driven by
 * routes/feeds/livelihood.camel.yaml: {@link #due()} → {@link #fetchPage} → the pipeline →
 * {@link #advance} once the index committed the page's orders. The watermark lives in the database
 * and moves only past stored orders (quarantined ones count as stored), so a crash or restart re-reads
 * at most one page, which the index's idempotency keys turn into no-ops. As the adapter of the {@code http} transport
 * it reports whether the platform answered its last call, and the watermark's age as the feed's lag.
 */
@Component("livelihoodPull")
public class LivelihoodPull implements SourceAdapter {

    public static final String FEED = "livelihood";
    /** With several hub instances, the one holding this lease pulls. */
    static final String LEASE = "feed:" + FEED;
    private static final Logger log = LoggerFactory.getLogger(LivelihoodPull.class);
    private static final String SELECTION = "casehubLivelihoodSelection";
    private static final int REMEMBERED = 10_000;

    private final LivelihoodClient client;
    private final WatermarkRepository watermarks;
    private final LivelihoodProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final PullBackoff backoff;
    private final SourceHealth sources;

    /**
     * The orders (and unreadable items) this run handed to the pipeline and the index stored: each pull reads the
     * watermark's second again, and would otherwise hand them over every poll, keeping the feed "flowing" forever.
     */
    private final Set<String> handed = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private boolean inCycle;
    private int page;
    private Watermark watermark;
    private Instant nextCycleAt = Instant.MIN;
    private final PollGate gate;

    public LivelihoodPull(LivelihoodClient client, WatermarkRepository watermarks, LivelihoodProperties properties,
                          SourceHealth sources, LeaderLeases leases) {
        this.client = client;
        this.sources = sources;
        this.watermarks = watermarks;
        this.properties = properties;
        LivelihoodProperties.Backoff b = properties.backoff();
        this.backoff = new PullBackoff(b.initial(), b.multiplier(), b.max(), b.maxRetryAfter(), clock);
        this.gate = new PollGate(FEED, "CASEHUB_LIVELIHOOD_BASE_URL (or run with the simulator)", sources, leases, LEASE,
                backoff, clock);
    }

    /**
     * Whether a page should be asked now: configured, neither the route nor the hub stopping, this instance
     * holding the pull's lease, not backing off, and mid-pull or the poll period is over.
     */
    public synchronized boolean due(Exchange exchange) {
        return gate.open(exchange, client.baseUrl().isPresent(), inCycle, nextCycleAt);
    }

    @Override
    public String transport() {
        return "http";
    }

    /** Whether the platform answered the last call, and as lag the age of the feed's watermark. */
    @Override
    public Report report(String feed, FeedProperties.Feed definition, Instant now) {
        Lag lag = watermarks.load(feed)
                .map(w -> new Lag("watermark age",
                        Math.max(0, Duration.between(w.time().atZone(BeijingTime.ZONE).toInstant(), now).toSeconds()),
                        "seconds", "watermark " + w.time() + " (source time) " + w.recordId()))
                .orElse(new Lag("watermark age", null, "seconds", "nothing pulled yet"));
        return new Report(sources.state(feed).orElse(null), lag);
    }

    /** The next page's new orders as feed records; none when the platform did not answer (then it backs off). */
    public synchronized List<FeedRecord> fetchPage(Exchange exchange) {
        exchange.removeProperty(SELECTION);
        Optional<String> base = client.baseUrl();
        if (base.isEmpty()) {
            return List.of();
        }
        if (!inCycle) {
            watermark = watermarks.load(FEED).orElse(null);
            page = 0;
            inCycle = true;
        }
        // the watermark's whole second and the overlap before it again: what was written there since is read too
        String since = watermark == null ? properties.firstUpdatedSince()
                : WorkOrderPaging.SOURCE_TIME.format(watermark.time().minus(properties.rereadOverlap()));
        WorkOrderPage result;
        try {
            result = client.fetch(base.get(), since, page, properties.pageSize());
            backoff.succeeded();
            sources.succeeded(FEED);
        } catch (LivelihoodApiException e) {
            // a source that says it is polled too fast is up; anything else is the source failing
            Duration pause;
            if (e.kind() == LivelihoodApiException.Kind.RATE_LIMITED) {
                pause = backoff.rateLimited(e.retryAfter());
            } else {
                pause = backoff.failed();
                sources.failed(FEED, e.getMessage());
            }
            log.warn("feed {}: page {} since {} failed ({}), asking again in {}", FEED, page, since, e.getMessage(), pause);
            return List.of();
        }
        Selection selection = WorkOrderPaging.select(result.items(), watermark, properties.pageSize());
        exchange.setProperty(SELECTION, selection);
        Instant now = clock.instant();
        List<FeedRecord> records = new ArrayList<>();
        for (Order order : selection.fresh()) {
            records.add(record(order, since, now));
        }
        for (Order order : selection.reread()) {
            if (!handed.contains(handedKey(order))) {
                records.add(record(order, since, now));
            }
        }
        for (WorkOrderPage.Item order : selection.unreadable()) {
            // it cannot be placed below a watermark, so every pull reads it again: handed over once per run, and the
            // quarantine keeps it once across restarts
            if (handed.contains(handedKey(order))) {
                continue;
            }
            String orderNo = order.order().path("orderNo").asText(null);
            FeedRecord record = new FeedRecord(FEED, order.raw(), position(since, orderNo), now);
            record.identified(orderNo, null);
            record.reject(order.truncated() ? order.tooLarge() : new RecordRejectedException("identity",
                    "work order without an orderNo and an updateTime of the form yyyy-MM-dd HH:mm:ss"));
            records.add(record);
        }
        return records;
    }

    /** Only ever called after the index transaction that stored the page's records committed. */
    public synchronized void advance(Exchange exchange) {
        Selection selection = exchange.getProperty(SELECTION, Selection.class);
        if (selection == null) {
            return;
        }
        if (!selection.fresh().isEmpty()) {
            watermark = selection.highest();
            watermarks.save(FEED, watermark);
        }
        selection.fresh().forEach(o -> handed.add(handedKey(o)));
        selection.reread().forEach(o -> handed.add(handedKey(o)));
        selection.unreadable().forEach(o -> handed.add(handedKey(o)));
        switch (selection.next()) {
            case REQUERY -> page = 0;
            case NEXT_PAGE -> page++;
            case DONE -> {
                inCycle = false;
                nextCycleAt = clock.instant().plus(properties.pollPeriod());
            }
        }
    }

    private static String handedKey(Order order) {
        return order.key().recordId() + "@" + order.key().time();
    }

    private static String handedKey(WorkOrderPage.Item unreadable) {
        return "bytes:" + Base64.getEncoder().encodeToString(DigestUtils.md5Digest(unreadable.raw()));
    }

    private FeedRecord record(Order order, String since, Instant now) {
        FeedRecord record = new FeedRecord(FEED, order.item().raw(), position(since, order.key().recordId()), now);
        // known before the decode step: an order it refuses (one too big) is quarantined under its id and version
        record.identified(order.key().recordId(), order.key().time().atZone(BeijingTime.ZONE).toInstant().toEpochMilli());
        if (order.item().truncated()) {
            // only its first bytes were read from the page: quarantined as they are, the pull going on past it
            record.reject(order.item().tooLarge());
        }
        return record;
    }

    private Map<String, Object> position(String since, String orderNo) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("updatedSince", since);
        position.put("page", page);
        position.put("orderNo", orderNo);
        return position;
    }
}
