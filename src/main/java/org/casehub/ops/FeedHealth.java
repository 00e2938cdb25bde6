package org.casehub.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.RouteController;
import org.apache.camel.spi.SupervisingRouteController;
import org.casehub.core.FeedProperties;
import org.casehub.core.FeedProperties.Feed;
import org.casehub.dedup.DedupRepository;
import org.casehub.feed.SourceAdapter;
import org.casehub.feed.SourceHealth;
import org.casehub.health.OpsProperties;
import org.casehub.health.Refreshed;
import org.casehub.security.Masking;
import org.casehub.unmapped.UnmappedCodeHealth;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every feed's health as IT staff read it: its state (flowing, idle, failing, stuck, stopped, not configured) and why,
 * its throughput per minute, last record, lag and silence alarm; and the outbox backlog, the units' undelivered
 * messages and the Artemis broker's disk, with their alarms. A feed is failing when Camel's checks of its routes say DOWN (a Kafka consumer
 * without a broker, a route the supervising route controller is restarting or gave up on) or when its source adapter
 * says its last call to the source failed; its lag is the adapter's too ({@link SourceAdapter}, one per transport,
 * collected by Spring). Computed in the background every {@code casehub.ops.refresh}; the same snapshot feeds
 * GET /api/feeds, the status page, the {@code feeds} health contributor and the {@code casehub.*} gauges.
 */
@Component
public class FeedHealth {

    private static final String GAUGE_PERIOD = "#{@'casehub.ops-org.casehub.health.OpsProperties'.gaugePeriod()}";

    public static final String FLOWING = "flowing";
    public static final String IDLE = "idle";
    public static final String FAILING = "failing";
    /** input waits and no batch was stored for casehub.ops.stuck-after: DOWN, like failing */
    public static final String STUCK = "stuck";
    public static final String STOPPED = "stopped";
    public static final String NOT_CONFIGURED = "not configured";
    /** how long a reader waits for the very first snapshot, computed when the hub is ready */
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

    private final FeedProperties feeds;
    private final CamelContext camel;
    private final FeedActivity activity;
    /** the source adapters by the transport they serve */
    private final Map<String, SourceAdapter> adapters;
    private final FeedStatistics statistics;
    private final UnitQueueDepths unitQueues;
    private final BrokerStorage broker;
    private final UnmappedCodeHealth unmapped;
    private final OpsProperties ops;
    private final MeterRegistry meters;
    private final Clock clock;
    private final DedupRepository dedup;
    private final StuckFeeds stuck;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private Refreshed<Snapshot> snapshots;

    @Autowired
    public FeedHealth(FeedProperties feeds, CamelContext camel, FeedActivity activity, List<SourceAdapter> adapters,
                      FeedStatistics statistics, UnitQueueDepths unitQueues, BrokerStorage broker,
                      UnmappedCodeHealth unmapped, OpsProperties ops, MeterRegistry meters, DedupRepository dedup) {
        this(feeds, camel, activity, adapters, statistics, unitQueues, broker, unmapped, ops, meters, dedup,
                Clock.systemUTC());
    }

    /** @throws IllegalStateException when two adapters claim one transport */
    FeedHealth(FeedProperties feeds, CamelContext camel, FeedActivity activity, List<SourceAdapter> adapters,
               FeedStatistics statistics, UnitQueueDepths unitQueues, BrokerStorage broker, UnmappedCodeHealth unmapped,
               OpsProperties ops, MeterRegistry meters, DedupRepository dedup, Clock clock) {
        this.feeds = feeds;
        this.camel = camel;
        this.activity = activity;
        this.adapters = adapters.stream().collect(Collectors.toUnmodifiableMap(SourceAdapter::transport, Function.identity()));
        this.statistics = statistics;
        this.unitQueues = unitQueues;
        this.broker = broker;
        this.unmapped = unmapped;
        this.ops = ops;
        this.meters = meters;
        this.dedup = dedup;
        this.stuck = new StuckFeeds(ops.stuckAfter());
        this.clock = clock;
        registerGauges();
    }

    /**
     * @param expectedCadence the registry's longest normal silence (ISO 8601)
     * @param silentSeconds   since the last record (since the hub started, if none came yet)
     * @param alarm           silent longer than expected while the feed should run
     */
    public record Silence(String expectedCadence, long silentSeconds, boolean alarm) {
    }

    /**
     * One feed. Times are RFC 3339 strings (the REST binding's JSON mapper has no java.time support).
     *
     * @param perMinute  received, stored, quarantined, merged and published in the last minute
     * @param outcomes   the index's outcomes in the last minute, by name (created, updated, duplicate, …)
     * @param totals     received and outcomes since this hub instance started
     * @param sparkline  records received per minute over the last half hour, oldest first
     * @param unmapped   records stored with a fallback for codes its classification lists do not know, and their share
     */
    public record FeedView(String id, String name, String transport, boolean enabled, String state, boolean up,
                           String reason, Map<String, Long> perMinute, Map<String, Long> outcomes, Map<String, Long> totals,
                           List<Long> sparkline, String lastRecordAt, SourceAdapter.Lag lag, Silence silence,
                           UnmappedCodeHealth.Unmapped unmapped) {
    }

    /** @param rows outbox rows waiting to be published: an event for one destination, or for all its units */
    public record Backlog(String channel, long rows, String oldest, Long oldestAgeSeconds) {
    }

    /**
     * @param deepest the unit queues holding most messages, deepest first (at most 20)
     * @param over    units whose queue holds more than {@code casehub.ops.unit-queue-alarm} messages
     */
    public record UnitQueues(boolean available, String error, long messages, int nonEmptyQueues,
                             List<UnitQueueDepths.Depth> deepest, long alarmThreshold, List<String> over) {
    }

    /** @param broker the Artemis broker's disk and paging, which decide whether unit delivery can go on */
    public record Snapshot(String at, List<FeedView> feeds, List<Backlog> outbox, long outboxAlarmThreshold,
                           UnitQueues unitQueues, BrokerStorage.Storage broker, List<String> alarms) {

        public Optional<FeedView> feed(String id) {
            return feeds.stream().filter(f -> f.id().equals(id)).findFirst();
        }
    }

    /**
     * The last snapshot, at once: computed in the background every {@code casehub.ops.refresh}, so that GET /api/feeds,
     * the status page and the health endpoints answer while a database or a broker they read from hangs. A
     * computation that takes longer than {@code casehub.ops.lag-timeout} and a second raises an alarm naming it.
     */
    public Snapshot snapshot() {
        Refreshed<Snapshot> snapshots = snapshots();
        Snapshot last = snapshots.last(FIRST_WAIT).map(Refreshed.Reading::value).orElseGet(() -> notYet(clock.instant()));
        Optional<Duration> running = snapshots.stuckFor();
        if (running.isPresent() && running.get().compareTo(ops.lagTimeout().plus(FIRST_WAIT)) > 0) {
            List<String> alarms = new ArrayList<>(last.alarms());
            alarms.add("feed health not refreshed for " + human(running.get().toSeconds()) + " (shown as of " + last.at()
                    + "): the index database, Kafka or Artemis does not answer");
            return new Snapshot(last.at(), last.feeds(), last.outbox(), last.outboxAlarmThreshold(), last.unitQueues(),
                    last.broker(), List.copyOf(alarms));
        }
        return last;
    }

    /** Starts the background computation when the hub is ready, so that the first reader finds a snapshot. */
    @EventListener(ApplicationReadyEvent.class)
    public void startComputing() {
        snapshots();
    }

    private synchronized Refreshed<Snapshot> snapshots() {
        if (snapshots == null) {
            snapshots = new Refreshed<>("feed-health", () -> compute(clock.instant()), ops.refresh(), clock);
        }
        return snapshots;
    }

    private Snapshot notYet(Instant now) {
        String why = "feed health is being computed";
        return new Snapshot(now.toString(), List.of(), List.of(), ops.outboxAlarm(),
                new UnitQueues(false, why, 0, 0, List.of(), ops.unitQueueAlarm(), List.of()),
                new BrokerStorage.Storage(false, why, false, BrokerStorage.UNKNOWN, null, null, null, null, null, List.of()),
                List.of(why));
    }

    @PreDestroy
    synchronized void stopComputing() {
        if (snapshots != null) {
            snapshots.close();
        }
    }

    /** Keeps the gauges current between scrapes, and registers those of feeds added since. */
    // the period from OpsProperties itself, so that its default is written once
    @Scheduled(fixedDelayString = GAUGE_PERIOD, initialDelayString = GAUGE_PERIOD)
    public void refreshGauges() {
        snapshot().feeds().forEach(f -> registerFeedGauges(f.id(), f.transport()));
    }

    private Snapshot compute(Instant now) {
        Map<String, HealthCheck.Result> checks = camelChecks();
        Map<String, Long> published = statistics.publishedSince(now.minusSeconds(60));
        List<FeedView> views = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        new java.util.TreeMap<>(feeds.feeds()).forEach((id, feed) -> {
            FeedView view = view(id, feed, now, checks, published.getOrDefault(id, 0L));
            views.add(view);
            if (FAILING.equals(view.state()) || STUCK.equals(view.state())) {
                alarms.add(id + " is " + view.state() + ": " + view.reason());
            }
            if (view.silence().alarm()) {
                alarms.add(id + " has been silent for " + human(view.silence().silentSeconds()) + " (expected within "
                        + human(feed.expectedCadence().toSeconds()) + ")");
            }
        });
        alarms.addAll(unmapped.alarms());
        dedup.warmUpFailure().ifPresent(error -> alarms.add("dedup warm-up failed (decisions read each candidate as they"
                + " need it, slower): " + error));
        List<Backlog> outbox = new ArrayList<>();
        statistics.backlog().forEach((channel, b) -> {
            Long age = b.oldest() == null ? null : Math.max(0, Duration.between(b.oldest(), now).toSeconds());
            outbox.add(new Backlog(channel, b.rows(), b.oldest() == null ? null : b.oldest().toString(), age));
            if (b.rows() > ops.outboxAlarm()) {
                alarms.add("outbox " + channel + ": " + b.rows() + " events wait to be published");
            }
        });
        statistics.parked().forEach((channel, rows) -> alarms.add("outbox " + channel + ": " + rows
                + " event(s) parked, refused for good by their destination (GET /api/outbox/parked, then re-send)"));
        UnitQueueDepths.Depths depths = unitQueues.depths();
        List<String> over = depths.units().stream().filter(d -> d.messages() > ops.unitQueueAlarm())
                .map(UnitQueueDepths.Depth::unit).toList();
        over.forEach(unit -> alarms.add("unit " + unit + ": more than " + ops.unitQueueAlarm() + " messages undelivered"));
        UnitQueues queues = new UnitQueues(depths.available(), depths.error(), depths.total(), depths.units().size(),
                depths.units().stream().limit(20).toList(), ops.unitQueueAlarm(), over);
        BrokerStorage.Storage storage = broker.storage();
        if (BrokerStorage.FULL.equals(storage.state())) {
            alarms.add("Artemis disk " + storage.diskUsedPercent() + "% used, at or past its max-disk-usage of "
                    + storage.maxDiskUsage() + "%: the broker blocks producers and unit delivery is stalled;"
                    + " free disk space or have the units consume their queues");
        } else if (BrokerStorage.WARNING.equals(storage.state())) {
            alarms.add("Artemis disk " + storage.diskUsedPercent() + "% used: the broker blocks all unit delivery at "
                    + storage.maxDiskUsage() + "% (max-disk-usage)" + (storage.pagingUnits() == null ? ""
                    : "; " + storage.pagingUnits() + " unit queue(s) paging to disk"));
        }
        views.forEach(v -> registerFeedGauges(v.id(), v.transport()));
        return new Snapshot(now.toString(), List.copyOf(views), List.copyOf(outbox), ops.outboxAlarm(), queues, storage,
                List.copyOf(alarms));
    }

    private FeedView view(String id, Feed feed, Instant now, Map<String, HealthCheck.Result> checks, long published) {
        SourceAdapter adapter = adapters.get(feed.transport() == null ? "" : feed.transport());
        SourceAdapter.Report report = adapter == null ? SourceAdapter.Report.NONE : adapter.report(id, feed, now);
        SourceAdapter.Lag lag = report.lag();
        String[] state = state(id, feed, checks, Optional.ofNullable(report.source()), lag, now);
        Map<String, Long> lastMinute = activity.lastMinute(id);
        Map<String, Long> outcomes = new LinkedHashMap<>(lastMinute);
        outcomes.remove(FeedActivity.RECEIVED);
        long quarantined = outcomes.getOrDefault("quarantined", 0L);
        Map<String, Long> perMinute = new LinkedHashMap<>();
        perMinute.put("received", lastMinute.getOrDefault(FeedActivity.RECEIVED, 0L));
        perMinute.put("stored", outcomes.values().stream().mapToLong(Long::longValue).sum() - quarantined);
        perMinute.put("quarantined", quarantined);
        perMinute.put("merged", outcomes.getOrDefault("merged", 0L));
        perMinute.put("published", published);
        Optional<Instant> lastRecord = activity.lastRecord(id);
        long silent = Duration.between(lastRecord.orElse(activity.startedAt()), now).toSeconds();
        boolean shouldRun = !STOPPED.equals(state[0]) && !NOT_CONFIGURED.equals(state[0]);
        Silence silence = new Silence(feed.expectedCadence().toString(), Math.max(0, silent),
                shouldRun && silent > feed.expectedCadence().toSeconds());
        boolean up = !FAILING.equals(state[0]) && !STUCK.equals(state[0]);
        return new FeedView(id, feed.name(), feed.transport(), feed.enabled(), state[0], up, state[1],
                perMinute, outcomes, activity.totals(id), activity.receivedPerMinute(id),
                lastRecord.map(Instant::toString).orElse(null), lag, silence, unmapped.of(id));
    }

    /** The feed's state and the reason for it. */
    private String[] state(String id, Feed feed, Map<String, HealthCheck.Result> checks,
                           Optional<SourceHealth.State> source, SourceAdapter.Lag lag, Instant now) {
        if (!feed.enabled()) {
            return new String[] {STOPPED, "disabled in config/feeds.yaml"};
        }
        if (source.isPresent() && !source.get().configured()) {
            return new String[] {NOT_CONFIGURED, "its source is not configured"};
        }
        List<String> routes = routesOf(id);
        if (routes.isEmpty()) {
            return new String[] {STOPPED, "no route feed-" + id};
        }
        RouteController controller = camel.getRouteController();
        if (controller instanceof SupervisingRouteController supervisor) {
            for (String route : routes) {
                if (supervisor.getExhaustedRoutes().stream().anyMatch(r -> r.getRouteId().equals(route))) {
                    return new String[] {FAILING, route + " could not be started; the route controller gave up: "
                            + cause(supervisor.getRestartException(route))};
                }
                if (supervisor.getRestartingRoutes().stream().anyMatch(r -> r.getRouteId().equals(route))) {
                    return new String[] {FAILING, route + " is being restarted: " + cause(supervisor.getRestartException(route))};
                }
            }
        }
        ServiceStatus main = controller.getRouteStatus(routes.get(0));
        if (main == null || !main.isStarted()) {
            return new String[] {STOPPED, routes.get(0) + " is " + (main == null ? "absent" : main.name().toLowerCase())};
        }
        for (String route : routes) {
            for (String check : List.of("consumer:kafka-" + route, "consumer:" + route, "route:" + route)) {
                HealthCheck.Result result = checks.get(check);
                if (result != null && result.getState() == HealthCheck.State.DOWN) {
                    return new String[] {FAILING, check + ": " + result.getMessage()
                            .or(() -> result.getError().map(FeedHealth::cause)).orElse("DOWN")};
                }
            }
        }
        if (source.isPresent() && source.get().failing()) {
            return new String[] {FAILING, "its source failed " + source.get().failures() + " time(s) in a row since "
                    + source.get().lastFailure() + ": " + source.get().error()};
        }
        boolean inputWaiting = lag != null && lag.inputWaiting();
        Optional<String> stuckReason = stuck.judge(id, inputWaiting, activity.lastStored(id), activity.failure(id), now);
        if (stuckReason.isPresent()) {
            return new String[] {STUCK, stuckReason.get()};
        }
        Optional<Instant> lastRecord = activity.lastRecord(id);
        if (lastRecord.isPresent() && Duration.between(lastRecord.get(), clock.instant()).compareTo(ops.flowingWindow()) <= 0) {
            return new String[] {FLOWING, "records within the last " + human(ops.flowingWindow().toSeconds())};
        }
        return new String[] {IDLE, "no record within the last " + human(ops.flowingWindow().toSeconds())};
    }

    /** Its routes: feed-&lt;id&gt; first, then feed-&lt;id&gt;-… */
    private List<String> routesOf(String id) {
        String main = "feed-" + id;
        List<String> routes = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            String r = route.getRouteId();
            if (r.equals(main)) {
                routes.add(0, r);
            } else if (r.startsWith(main + "-")) {
                routes.add(r);
            }
        }
        return routes.isEmpty() || !routes.get(0).equals(main) ? List.of() : routes;
    }

    private Map<String, HealthCheck.Result> camelChecks() {
        Map<String, HealthCheck.Result> results = new HashMap<>();
        Collection<HealthCheck.Result> all = HealthCheckHelper.invoke(camel);
        if (all != null) {
            all.forEach(r -> results.put(r.getCheck().getId(), r));
        }
        return results;
    }

    private void registerGauges() {
        for (String channel : List.of("kafka", "artemis")) {
            Gauge.builder("casehub.outbox.pending", this, h -> h.snapshot().outbox().stream()
                            .filter(b -> b.channel().equals(channel)).mapToLong(Backlog::rows).sum())
                    .description("outbox rows waiting to be published (an event for one destination, or for all its units)")
                    .tag("channel", channel).register(meters);
        }
        Gauge.builder("casehub.unit.queue.messages", this, h -> h.snapshot().unitQueues().available()
                        ? h.snapshot().unitQueues().messages() : Double.NaN)
                .description("messages waiting in the units' Artemis queues").register(meters);
        Gauge.builder("casehub.unit.queue.max", this, h -> h.snapshot().unitQueues().deepest().stream()
                        .mapToLong(UnitQueueDepths.Depth::messages).max().orElse(0))
                .description("messages waiting in the deepest unit queue").register(meters);
        Gauge.builder("casehub.alarms", this, h -> h.snapshot().alarms().size())
                .description("alarms raised (failing feeds, stuck feeds, silence, unmapped codes, backlog, broker disk,"
                        + " dedup warm-up)").register(meters);
        Gauge.builder("casehub.dedup.warmup.failed", this, h -> h.dedup.warmUpFailure().isPresent() ? 1.0 : 0.0)
                .description("1 while the dedup profile warm-up of the last start failed").register(meters);
        Gauge.builder("casehub.artemis.disk.used.percent", this, h -> orNaN(h.snapshot().broker().diskUsedPercent()))
                .description("percent of the disk holding the Artemis broker's data in use").register(meters);
        Gauge.builder("casehub.artemis.disk.max.percent", this, h -> orNaN(h.snapshot().broker().maxDiskUsage()))
                .description("disk use (percent) at which the Artemis broker blocks every producer (max-disk-usage)")
                .register(meters);
        Gauge.builder("casehub.unit.queues.paging", this, h -> orNaN(h.snapshot().broker().pagingUnits()))
                .description("unit addresses paging their messages to disk (embedded broker)").register(meters);
    }

    private void registerFeedGauges(String id, String transport) {
        if (!gauged.add(id)) {
            return;
        }
        Gauge.builder("casehub.feed.up", this, h -> view(h, id).map(v -> v.up() ? 1.0 : 0.0).orElse(Double.NaN))
                .description("1 while the feed is not failing").tag("feed", id).register(meters);
        Gauge.builder("casehub.feed.stuck", this, h -> view(h, id).map(v -> STUCK.equals(v.state()) ? 1.0 : 0.0).orElse(Double.NaN))
                .description("1 while input waits and no batch of the feed was stored for casehub.ops.stuck-after")
                .tag("feed", id).register(meters);
        Gauge.builder("casehub.feed.silence.alarm", this, h -> view(h, id).map(v -> v.silence().alarm() ? 1.0 : 0.0).orElse(Double.NaN))
                .description("1 while the feed is silent longer than its expected cadence").tag("feed", id).register(meters);
        Gauge.builder("casehub.feed.silent", this, h -> view(h, id).map(v -> (double) v.silence().silentSeconds()).orElse(Double.NaN))
                .description("seconds since the feed's last record").tag("feed", id).baseUnit("seconds").register(meters);
        Gauge.builder("casehub.feed.lag", this, h -> view(h, id).map(FeedView::lag).filter(l -> l != null && l.value() != null)
                        .map(l -> l.value().doubleValue()).orElse(Double.NaN))
                .description("consumer lag (records), watermark age (seconds) or rows waiting, by transport")
                .tag("feed", id).tag("transport", transport == null ? "" : transport).register(meters);
        Gauge.builder("casehub.feed.published.last.minute", this, h -> view(h, id).map(v -> (double) v.perMinute().get("published"))
                        .orElse(Double.NaN))
                .description("events of the feed published to the unified feed in the last minute").tag("feed", id).register(meters);
    }

    private static double orNaN(Number value) {
        return value == null ? Double.NaN : value.doubleValue();
    }

    private static Optional<FeedView> view(FeedHealth health, String id) {
        return health.snapshot().feed(id);
    }

    private static String cause(Throwable e) {
        if (e == null) {
            return "unknown cause";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return Masking.scrub(message);
    }

    static String human(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
