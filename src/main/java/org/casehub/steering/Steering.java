package org.casehub.steering;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.network.UnitResolver;
import org.casehub.publish.CaseEvents;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.OutboxRepository.EventWrite;
import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.steering.LawClassifier.Verdict;
import org.casehub.steering.MediationBodies.Body;
import org.casehub.steering.MediationOffers.Offer;
import org.springframework.stereotype.Component;

/**
 * Routing by the matter (issue 22), decided inside the index transaction for every revision of a case that the index
 * publishes: it marks the case (data) with its decisions and their reasons, and adds, through the outbox, the
 * deliveries beyond the case's units.
 * <ul>
 * <li>诉访分离: a law-related case ({@link LawClassifier}) also goes to the legal channel
 * {@code casehub.unit.<code>.legal} of its responsible unit: its district or functional zone (a case placed above
 * the district: its finest unit). The case shows {@code lawRelated} and {@code lawRule}.</li>
 * <li>信调联动: a case of a category and place a mediation body serves ({@link MediationBodies}) is offered to it once
 * per case and body: event {@code org.casehub.case.mediation-offered} on {@code casehub.mediation.<code>}. The case
 * shows {@code mediation[]}.</li>
 * </ul>
 * The extra events (offers) are notices about the case at its revision, not new revisions: their ids are
 * {@code <case id>:<revision>.m<n>}; they are kept in the case's history and
 * delivered to their addresses only, not to the unified feed (which carries the case's revisions, each showing the
 * decisions).
 */
@Component
public class Steering {

    public static final String MEDIATION_OFFERED = "org.casehub.case.mediation-offered";
    public static final String LEGAL_SUFFIX = ".legal";

    private final LawClassifier law;
    private final MediationBodies bodies;
    private final MediationOffers offers;
    private final OutboxRepository outbox;
    private final CaseEvents events;
    private final ObjectMapper json;

    public Steering(LawClassifier law, MediationBodies bodies, MediationOffers offers, OutboxRepository outbox,
                    CaseEvents events, ObjectMapper json) {
        this.law = law;
        this.bodies = bodies;
        this.offers = offers;
        this.outbox = outbox;
        this.events = events;
        this.json = json;
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
        String division = data.path("location").path("divisionCode").asText(null);
        List<OutboxWrite> deliveries = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();

        Optional<Verdict> verdict = law.classify(data.path("lawRelated").asBoolean(),
                data.path("sourceCategory").path("code").asText(null),
                data.path("title").asText("") + "\n" + data.path("description").asText(""));
        data.put("lawRelated", verdict.isPresent());
        verdict.ifPresent(v -> {
            data.putObject("lawRule").put("rule", v.rule()).put("evidence", v.evidence());
            legalUnit(units).ifPresent(unit -> deliveries.add(new OutboxWrite(eventId, caseId,
                    UnitResolver.destination(unit) + LEGAL_SUFFIX, now)));
        });

        List<Body> serving = bodies.bodiesFor(data.path("category").asText(), units);
        if (!serving.isEmpty()) {
            List<Offer> made = offers.of(caseId);
            for (Body body : serving) {
                if (made.stream().noneMatch(o -> o.bodyCode().equals(body.code()))) {
                    Offer offer = new Offer(body.code(), eventId + ".m" + (made.size() + 1), now);
                    offers.add(caseId, offer, division);
                    made = append(made, offer);
                    notices.add(new Notice(offer.eventId(), MEDIATION_OFFERED, Set.of(body.address())));
                }
            }
            ArrayNode shown = data.putArray("mediation");
            for (Offer offer : made) {
                bodies.all().stream().filter(b -> b.code().equals(offer.bodyCode())).findFirst().ifPresent(b ->
                        shown.addObject().put("body", b.code()).put("name", b.name()).put("address", b.address())
                                .put("offeredAt", offer.offeredAt().toInstant().toString()));
            }
        }

        for (Notice notice : notices) {
            ObjectNode event = events.envelope(notice.type(), feed, data.deepCopy(), now);
            event.put("id", notice.eventId());
            outbox.insertEvents(List.of(new EventWrite(notice.eventId(), caseId, data.path("revision").asInt(),
                    notice.type(), event.path("source").asText(), feed, now, write(event))));
            notice.addresses().forEach(address -> deliveries.add(new OutboxWrite(notice.eventId(), caseId,
                    "artemis:" + address, now)));
        }
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

    private static List<Offer> append(List<Offer> made, Offer offer) {
        List<Offer> all = new ArrayList<>(made);
        all.add(offer);
        return all;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** An event about the case beyond its revision's own: for these addresses only. */
    private record Notice(String eventId, String type, Set<String> addresses) {
    }
}
