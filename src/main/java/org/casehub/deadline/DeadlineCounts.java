package org.casehub.deadline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.casehub.deadline.DeadlineRepository.UnitCount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per responsible unit, its running deadlines overdue and due soon, read from the index every
 * {@code casehub.deadlines.counts-period} in the background (so that neither the status page nor a scrape waits for
 * the database): gauges {@code casehub.deadlines.overdue} and {@code casehub.deadlines.due.soon}, tagged {@code unit}
 * (only units with one or the other), which the Grafana dashboard config/dashboards/casehub-deadlines.json plots.
 */
@Component
public class DeadlineCounts {

    private static final String PERIOD = "#{@'casehub.deadlines-org.casehub.deadline.DeadlineProperties'.countsPeriod()}";
    private static final Logger log = LoggerFactory.getLogger(DeadlineCounts.class);

    /** The counts as last read, and when. */
    public record Reading(Instant at, List<UnitCount> units) {
    }

    private final DeadlineRepository repository;
    private final DeadlineProperties properties;
    private final MultiGauge overdue;
    private final MultiGauge dueSoon;
    private final AtomicReference<Reading> last = new AtomicReference<>();

    public DeadlineCounts(DeadlineRepository repository, DeadlineProperties properties, MeterRegistry registry) {
        this.repository = repository;
        this.properties = properties;
        this.overdue = MultiGauge.builder("casehub.deadlines.overdue")
                .description("running deadlines past due, per responsible unit").register(registry);
        this.dueSoon = MultiGauge.builder("casehub.deadlines.due.soon")
                .description("running deadlines due within casehub.deadlines.due-soon, per responsible unit").register(registry);
    }

    @Scheduled(fixedDelayString = PERIOD, initialDelay = 0)
    public void refresh() {
        try {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            List<UnitCount> units = repository.unitCounts(now, now.plus(properties.dueSoon()));
            overdue.register(units.stream().filter(u -> u.overdue() > 0)
                    .map(u -> MultiGauge.Row.of(Tags.of("unit", u.unit()), u.overdue())).toList(), true);
            dueSoon.register(units.stream().filter(u -> u.dueSoon() > 0)
                    .map(u -> MultiGauge.Row.of(Tags.of("unit", u.unit()), u.dueSoon())).toList(), true);
            last.set(new Reading(now.toInstant(), units));
        } catch (DataAccessException e) {
            log.warn("deadline counts not read: {}", e.getMessage());
        }
    }

    /** The last reading; null before the first. */
    public Reading last() {
        return last.get();
    }
}
