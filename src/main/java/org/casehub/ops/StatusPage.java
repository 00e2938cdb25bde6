package org.casehub.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.PreDestroy;

import org.casehub.deadline.DeadlineStatus;
import org.casehub.health.OpsProperties;
import org.casehub.health.Refreshed;
import org.casehub.jobs.JobProgress;
import org.casehub.quarantine.QuarantineRepository;
import org.casehub.quarantine.ReplayJobRepository;
import org.casehub.steering.Groups;
import org.casehub.steering.MediationOffers;
import org.casehub.unmapped.RemapJobs;
import org.casehub.warning.WarningSummary;
import org.springframework.stereotype.Component;

/**
 * The JSON behind the status page at {@code /} ({@code GET /status.json}): open like the health probes, so it
 * holds nothing personal — feed states and counts, quarantine counts by feed and the stage that refused the
 * records (never their reasons' text, which may quote a record), deliveries per tier, dedup link counts, the
 * outbox, the units' queues and the broker's disk, the early warnings of the day, and the alarms.
 */
@Component("statusPage")
public class StatusPage {

    /** how long the page waits for the very first counts */
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final List<String> LINK_KINDS = List.of("merged", "possible", "related");

    private final FeedHealth health;
    private final FeedStatistics statistics;
    private final FeedActivity activity;
    private final OpsProperties ops;
    private final ReplayJobRepository replays;
    private final RemapJobs remaps;
    private final DeadlineStatus deadlines;
    private final MediationOffers offers;
    private final Groups groups;
    private final WarningSummary warnings;
    private Refreshed<Map<String, Object>> counts;

    public StatusPage(FeedHealth health, FeedStatistics statistics, FeedActivity activity, OpsProperties ops,
                      ReplayJobRepository replays, RemapJobs remaps, DeadlineStatus deadlines, MediationOffers offers,
                      Groups groups, WarningSummary warnings) {
        this.health = health;
        this.statistics = statistics;
        this.activity = activity;
        this.ops = ops;
        this.replays = replays;
        this.remaps = remaps;
        this.deadlines = deadlines;
        this.offers = offers;
        this.groups = groups;
        this.warnings = warnings;
    }

    /** The page's JSON, at once: the counts read from the index database come from the background ({@link #counts}). */
    public Map<String, Object> summary() {
        FeedHealth.Snapshot snapshot = health.snapshot();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("at", snapshot.at());
        page.put("feeds", snapshot.feeds().stream().map(StatusPage::feed).toList());
        Map<String, Object> counts = counts().last(FIRST_WAIT).map(Refreshed.Reading::value).orElse(Map.of());
        for (String count : List.of("quarantine", "deliveries", "dedup", "steering", "warnings")) {
            page.put(count, counts.getOrDefault(count, Map.of("available", false)));
        }
        page.put("outbox", snapshot.outbox());
        FeedHealth.UnitQueues queues = snapshot.unitQueues();
        Map<String, Object> units = new LinkedHashMap<>();
        units.put("available", queues.available());
        units.put("messages", queues.messages());
        units.put("nonEmptyQueues", queues.nonEmptyQueues());
        units.put("deepest", queues.deepest().stream().limit(5).toList());
        units.put("alarmThreshold", queues.alarmThreshold());
        page.put("unitQueues", units);
        page.put("broker", snapshot.broker());
        page.put("alarms", snapshot.alarms());
        page.put("jobs", counts.getOrDefault("jobs", List.of()));
        page.put("deadlines", deadlines.summary());
        return page;
    }

    private static Map<String, Object> feed(FeedHealth.FeedView view) {
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("id", view.id());
        feed.put("name", view.name());
        feed.put("transport", view.transport());
        feed.put("state", view.state());
        feed.put("up", view.up());
        feed.put("reason", view.reason());
        feed.put("perMinute", view.perMinute());
        feed.put("sparkline", view.sparkline());
        feed.put("lastRecordAt", view.lastRecordAt());
        feed.put("lag", view.lag());
        feed.put("silence", view.silence());
        feed.put("unmapped", view.unmapped());
        return feed;
    }

    /**
     * The counts the index database answers — quarantine, deliveries per tier, dedup links — computed every
     * {@code casehub.ops.refresh} in the background, so that the page answers while the database does not.
     */
    private synchronized Refreshed<Map<String, Object>> counts() {
        if (counts == null) {
            counts = new Refreshed<>("status-page", () -> {
                Map<String, Object> read = new LinkedHashMap<>();
                read.put("quarantine", quarantine());
                read.put("deliveries", deliveries(Instant.now()));
                read.put("dedup", dedup());
                read.put("steering", steering());
                read.put("jobs", jobs());
                read.put("warnings", warnings.today());
                return read;
            }, ops.refresh(), Clock.systemUTC());
        }
        return counts;
    }

    /**
     * The long operations running now, with their progress: quarantine replays (what they replay is not shown: their
     * criteria may quote a reason) and re-maps (list and code).
     */
    private List<Map<String, Object>> jobs() {
        List<Map<String, Object>> jobs = new ArrayList<>();
        replays.running().forEach(job -> jobs.add(job("quarantine replay", job.id(), "", job.requestedAt().toInstant(),
                job.progress())));
        remaps.running().forEach(job -> jobs.add(job("re-map", job.id(),
                job.list() + (job.code() == null ? "" : " " + job.code()), Instant.parse(job.requestedAt()), job.progress())));
        return jobs;
    }

    private static Map<String, Object> job(String kind, String id, String what, Instant started, JobProgress progress) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("kind", kind);
        job.put("id", id);
        job.put("what", what);
        job.put("startedAt", started.toString());
        job.put("progress", progress);
        return job;
    }

    @PreDestroy
    synchronized void stopCounting() {
        if (counts != null) {
            counts.close();
        }
    }

    private Map<String, Object> quarantine() {
        List<QuarantineRepository.Quarantined> open = statistics.openQuarantine();
        Map<String, Object> quarantine = new LinkedHashMap<>();
        quarantine.put("open", open.stream().mapToLong(QuarantineRepository.Quarantined::count).sum());
        quarantine.put("byReason", open.stream().map(q -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("feed", q.feed());
            row.put("reason", q.stage());
            row.put("count", q.count());
            row.put("latest", q.latest().toString());
            return row;
        }).toList());
        return quarantine;
    }

    private Map<String, Object> deliveries(Instant now) {
        Map<String, Object> deliveries = new LinkedHashMap<>();
        deliveries.put("window", ops.deliveryWindow().toString());
        deliveries.put("tiers", statistics.tierDeliveries(now.minus(ops.deliveryWindow())).stream().map(tier -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tier", tier.tier());
            row.put("delivered", tier.delivered());
            row.put("pending", tier.pending());
            return row;
        }).toList());
        return deliveries;
    }

    /** Routing by the matter (issue 22): law-related cases, cases offered to mediation, group matters recognised. */
    private Map<String, Long> steering() {
        Map<String, Long> steering = new LinkedHashMap<>();
        steering.put("lawRelated", statistics.lawRelatedCases());
        steering.put("mediationOffered", offers.offeredCases());
        steering.put("groups", groups.recognisedGroups());
        return steering;
    }

    /** Links by kind where the index keeps them (case_link), else what the index reported since start. */
    private Map<String, Long> dedup() {
        Map<String, Long> links = statistics.linksByKind();
        Map<String, Long> dedup = new TreeMap<>();
        for (String kind : LINK_KINDS) {
            dedup.put(kind, links.isEmpty() ? activity.total(kind) : links.getOrDefault(kind, 0L));
        }
        links.forEach(dedup::putIfAbsent);
        return dedup;
    }
}
