package org.casehub.deadline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.casehub.core.BeijingTime;
import org.casehub.deadline.DeadlineRules.Condition;
import org.casehub.deadline.DeadlineRules.Rule;
import org.casehub.deadline.WorkingCalendar.Due;
import org.casehub.home.CasehubHome;
import org.casehub.network.UnitResolver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Computes a case's deadlines each time the index stores it, inside the index transaction (one call from the index's
 * writes, {@link #written}), so that the deadlines, the case API's filters and the reminders' schedule always agree
 * with the case as committed. What the case alone cannot tell — when a stage started, when it was first seen done —
 * is kept from the case's previous deadlines.
 */
@Component
public class CaseClock {

    /**
     * A case as the index transaction writes it: its id, its primary source ({@code <feed>:<record id>}), the case as
     * composed (the tree whose JSON the case row holds: not parsed again here, on the serial store's thread).
     */
    public record Written(String caseId, String primarySource, JsonNode data, OffsetDateTime at) {
    }

    private final DeadlineRules rules;
    private final WorkingCalendar calendar;
    private final UnitResolver units;
    private final DeadlineRepository repository;
    private final double yellowShare;

    @Autowired
    public CaseClock(CasehubHome home, DeadlineProperties properties, WorkingCalendar calendar, UnitResolver units,
                     DeadlineRepository repository) {
        this(DeadlineRules.parse(properties.rulesFile(), home.read(properties.rulesFile())), calendar, units, repository,
                properties.yellowShare());
    }

    CaseClock(DeadlineRules rules, WorkingCalendar calendar, UnitResolver units, DeadlineRepository repository,
              double yellowShare) {
        this.rules = rules;
        this.calendar = calendar;
        this.units = units;
        this.repository = repository;
        this.yellowShare = yellowShare;
    }

    /** Replaces the deadlines of the cases written, in the caller's transaction. */
    public void written(Collection<Written> cases) {
        if (cases.isEmpty()) {
            return;
        }
        Map<String, Map<String, Deadline>> before = repository.byCase(cases.stream().map(Written::caseId).toList());
        List<Deadline> rows = new ArrayList<>();
        for (Written written : cases) {
            rows.addAll(deadlines(written, before.getOrDefault(written.caseId(), Map.of())));
        }
        // only cases that had deadlines have rows to delete; a new case's are inserted
        repository.replace(before.keySet(), rows);
    }

    /** The case's deadlines now, given those it had (by kind). */
    List<Deadline> deadlines(Written written, Map<String, Deadline> before) {
        JsonNode data = written.data();
        String feed = written.primarySource() == null ? "" : written.primarySource().split(":", 2)[0];
        OffsetDateTime reported = time(data.path("reportedAt")).orElse(written.at());
        OffsetDateTime changed = time(data.path("updatedAt")).orElse(written.at());
        boolean ended = data.hasNonNull("mergedInto") || "closed".equals(data.path("status").asText());
        List<String> responsible = List.copyOf(units.unitsOf(data.path("location").path("divisionCode").asText(null)));
        String unit = unitOf(data, responsible);
        String supervisor = supervisorOf(unit, responsible);
        List<Deadline> deadlines = new ArrayList<>();
        for (Rule rule : rules.of(feed)) {
            Deadline previous = before.get(rule.kind());
            Condition startCondition = rule.startCondition();
            OffsetDateTime start;
            if (startCondition == null) {
                start = reported;
            } else if (previous != null) {
                start = previous.startedAt();
            } else if (startCondition.holds(data)) {
                start = changed;
            } else {
                continue;
            }
            boolean extended = rule.extension() != null && data.at(rule.extension().field()).asBoolean(false);
            Computed due = due(rule, data, start, extended);
            if (due == null) {
                continue;
            }
            boolean met = rule.metWhen().holds(data) || (previous != null && Deadline.MET.equals(previous.state()));
            String state = met ? Deadline.MET : ended ? Deadline.STOPPED : Deadline.RUNNING;
            OffsetDateTime metAt = !met ? null : previous != null && previous.metAt() != null ? previous.metAt() : written.at();
            OffsetDateTime yellow = start.plus(Duration.ofMillis((long) (Duration.between(start, due.at()).toMillis() * yellowShare)));
            boolean extendedLimit = extended && "computed".equals(due.origin());
            String ruleText = extendedLimit && rule.extension().rule() != null ? rule.extension().rule() : rule.rule();
            deadlines.add(new Deadline(written.caseId(), rule.kind(), ruleText, due.origin(), due.counting(),
                    due.calendarKnown(), extendedLimit, start, due.at(), yellow, state, metAt,
                    unit, supervisor, data.path("revision").asInt()));
        }
        return deadlines;
    }

    private record Computed(OffsetDateTime at, String origin, String counting, boolean calendarKnown) {
    }

    /** The source's own due time when the rule takes one and the case has it, else the rule's limit; null: none. */
    private Computed due(Rule rule, JsonNode data, OffsetDateTime start, boolean extended) {
        if (rule.sourceDue() != null) {
            Optional<OffsetDateTime> given = time(data.at(rule.sourceDue()));
            if (given.isPresent()) {
                return new Computed(given.get(), "source", "source", true);
            }
        }
        Integer limit = rule.limitFor(data);
        if (limit == null) {
            return null;
        }
        int amount = limit + (extended ? rule.extension().days() : 0);
        if (rule.inHours()) {
            return new Computed(start.plusHours(amount), "computed", rule.counting(), true);
        }
        LocalDate startDay = start.atZoneSameInstant(BeijingTime.ZONE).toLocalDate();
        Due due = calendar.due(startDay, amount, rule.calendarCounting(), rule.movesHolidayEnd());
        return new Computed(endOf(due.date()), "computed", rule.counting(), due.calendarKnown());
    }

    /** A limit in days ends with its last day, Beijing time. */
    static OffsetDateTime endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(BeijingTime.ZONE).minusSeconds(1).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The case's own division's unit when it is one, else the finest unit responsible. */
    private static String unitOf(JsonNode data, List<String> responsible) {
        String division = data.path("location").path("divisionCode").asText(null);
        if (division != null && responsible.contains(division)) {
            return division;
        }
        return responsible.isEmpty() ? null : responsible.get(responsible.size() - 1);
    }

    /** The tier above the unit: the unit listed before it, province first. */
    private static String supervisorOf(String unit, List<String> responsible) {
        int at = unit == null ? -1 : responsible.indexOf(unit);
        return at > 0 ? responsible.get(at - 1) : null;
    }

    /** An RFC 3339 time of the case (the canonical case's times carry their offset), if it has one. */
    private static Optional<OffsetDateTime> time(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText()).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
