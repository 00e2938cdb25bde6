package org.casehub.steering;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.network.UnitResolver;
import org.casehub.publish.CaseEvents;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.steering.LawClassifier.Verdict;
import org.springframework.stereotype.Component;

/**
 * Routing by the matter (issue 22), decided inside the index transaction for every revision of a case that the index
 * publishes: it marks the case (data) with its decisions and their reasons, and adds, through the outbox, the
 * deliveries beyond the case's units.
 * <ul>
 * <li>诉访分离: a law-related case ({@link LawClassifier}) also goes to the legal channel
 * {@code casehub.unit.<code>.legal} of its responsible unit: its district or functional zone (a case placed above
 * the district: its finest unit). The case shows {@code lawRelated} and {@code lawRule}.</li>
 * </ul>
 */
@Component
public class Steering {

    public static final String LEGAL_SUFFIX = ".legal";

    private final LawClassifier law;
    private final OutboxRepository outbox;

    public Steering(LawClassifier law, OutboxRepository outbox) {
        this.law = law;
        this.outbox = outbox;
    }

    /**
     * Steers the case at this revision: marks {@code data} (the revision the index is about to write and publish) and
     * queues the deliveries beyond its units.
     *
     * @param data  the case at its new revision, before its event is built
     * @param feed  the feed (or operators) whose change this is
     * @param units the units responsible for the case
     */
    public void steer(ObjectNode data, String feed, Set<String> units, OffsetDateTime now) {
        if (data.hasNonNull("mergedInto")) {
            return;
        }
        String caseId = data.path("caseId").asText();
        String eventId = CaseEvents.eventId(caseId, data.path("revision").asInt());
        List<OutboxWrite> deliveries = new ArrayList<>();

        Optional<Verdict> verdict = law.classify(data.path("lawRelated").asBoolean(),
                data.path("sourceCategory").path("code").asText(null),
                data.path("title").asText("") + "\n" + data.path("description").asText(""));
        data.put("lawRelated", verdict.isPresent());
        verdict.ifPresent(v -> {
            data.putObject("lawRule").put("rule", v.rule()).put("evidence", v.evidence());
            legalUnit(units).ifPresent(unit -> deliveries.add(new OutboxWrite(eventId, caseId,
                    UnitResolver.destination(unit) + LEGAL_SUFFIX, now)));
        });

        outbox.insertOutbox(deliveries);
    }

    /** The unit whose legal channel a law-related case goes to: its zone or district, else its finest unit. */
    static Optional<String> legalUnit(Set<String> units) {
        Optional<String> zone = units.stream().filter(Steering::isZone).findFirst();
        if (zone.isPresent()) {
            return zone;
        }
        Optional<String> district = units.stream().filter(u -> u.length() == 6).findFirst();
        return district.isPresent() ? district : units.stream().reduce((coarser, finer) -> finer);
    }

    private static boolean isZone(String unit) {
        return unit.chars().anyMatch(Character::isLetter);
    }
}
