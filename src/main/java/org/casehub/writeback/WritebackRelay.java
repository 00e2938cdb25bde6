package org.casehub.writeback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.casehub.cluster.LeaderLeases;
import org.casehub.network.DivisionDirectory;
import org.casehub.network.FunctionalZones;
import org.casehub.progress.ProgressRepository;
import org.casehub.progress.ProgressRepository.Report;
import org.casehub.publish.OutboxChannelRelay;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.OutboxRepository.Pending;
import org.casehub.publish.PublishProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The outbox channel {@value WritebackQueue#CHANNEL}: writes each queued result back to the platform of its source
 * record, oldest first, under the channel's leader lease (one instance writes, so each record's results keep their
 * order). A result the platform took, or had taken before, is done; one it refused for good is parked with the reason
 * (the later results of that record wait behind it for an operator, {@code /api/outbox/parked}) and recorded on the
 * case; one it could not take now (429, 5xx, unreachable) ends the round — nothing after it is written before it —
 * and the next round waits the platform's Retry-After or a pause that doubles from {@code retry-initial} to
 * {@code retry-max}. Every answer is recorded in {@link WritebackResults}, for the case's timeline.
 */
@Component("writebackRelay")
public class WritebackRelay extends OutboxChannelRelay<RuntimeException> {

    private static final Logger log = LoggerFactory.getLogger(WritebackRelay.class);

    private final ProgressRepository reports;
    private final WritebackResults results;
    private final WritebackProperties properties;
    private final Map<String, SourcePlatform> platforms;
    private final DivisionDirectory divisions;
    private final FunctionalZones zones;
    private Instant notBefore = Instant.MIN;
    private Duration pause;

    WritebackRelay(OutboxRepository outbox, LeaderLeases leases, ProgressRepository reports, WritebackResults results,
                   WritebackProperties properties, PublishProperties publish, List<SourcePlatform> platforms,
                   DivisionDirectory divisions, FunctionalZones zones) {
        super(outbox, leases, WritebackQueue.CHANNEL, properties.batchSize(), publish.relayPeriod());
        this.reports = reports;
        this.results = results;
        this.properties = properties;
        this.platforms = platforms.stream().collect(Collectors.toMap(SourcePlatform::feed, Function.identity()));
        this.divisions = divisions;
        this.zones = zones;
        this.pause = properties.retryInitial();
    }

    @Override
    protected Outcome deliver(List<Pending> batch) {
        if (Instant.now().isBefore(notBefore)) {
            return Outcome.NONE;
        }
        List<Pending> done = new ArrayList<>();
        Map<Pending, String> refused = new LinkedHashMap<>();
        Set<String> held = new HashSet<>();
        for (Pending row : batch) {
            if (held.contains(row.destination())) {
                continue;   // behind a result of the same record just parked: it waits for the operator too
            }
            Answer answer = write(row);
            switch (answer.kind()) {
                case WRITTEN, DUPLICATE -> done.add(row);
                case REFUSED -> {
                    refused.put(row, answer.detail());
                    held.add(row.destination());
                }
                case RETRY -> {
                    backOff(answer);
                    log.info("write-back of {} to {} not taken now ({}): again after {}", row.eventId(), row.destination(),
                            answer.detail(), notBefore);
                    return new Outcome(done, refused);
                }
            }
            if (answer.kind() != Answer.Kind.RETRY) {
                results.record(row.eventId(), row.caseId(), row.destination(), answer.kind().name().toLowerCase(),
                        answer.detail());
            }
        }
        pause = properties.retryInitial();
        return new Outcome(done, refused);
    }

    private Answer write(Pending row) {
        String target = row.destination().substring(WritebackQueue.CHANNEL.length() + 1);
        int slash = target.indexOf('/');
        SourcePlatform platform = slash < 0 ? null : platforms.get(target.substring(0, slash));
        Optional<Report> report = reports.byEvent(row.eventId());
        Optional<String> state = report.flatMap(r -> properties.platform(target.substring(0, slash))
                .flatMap(p -> p.platformState(r.state())));
        if (platform == null || report.isEmpty() || state.isEmpty()) {
            return Answer.refused("no platform, report or state mapping for " + row.destination() + " (event "
                    + row.eventId() + ")");
        }
        Report r = report.get();
        // the platforms take one text: the reason of a 退回 (or of any report that gives one), else the answer
        return platform.write(new Result(row.eventId(), target.substring(slash + 1), state.get(), r.unit(),
                unitName(r.unit()), r.reason() != null ? r.reason() : r.text(), r.actedAt()));
    }

    private String unitName(String unit) {
        return divisions.name(unit).or(() -> zones.zone(unit).map(FunctionalZones.Zone::name)).orElse(unit);
    }

    private void backOff(Answer answer) {
        Duration wait = answer.retryAfter() != null ? answer.retryAfter() : pause;
        if (wait.compareTo(properties.retryMax()) > 0) {
            wait = properties.retryMax();
        }
        notBefore = Instant.now().plus(wait);
        pause = pause.multipliedBy(2).compareTo(properties.retryMax()) > 0 ? properties.retryMax() : pause.multipliedBy(2);
    }

    @Override
    protected void close() {
        // the platforms' clients hold nothing to close
    }
}
