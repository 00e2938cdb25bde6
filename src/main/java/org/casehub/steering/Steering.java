package org.casehub.steering;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.network.UnitResolver;
import org.casehub.publish.CaseEvents;
import org.casehub.publish.OutboxRepository.EventWrite;
import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.steering.LawClassifier.Verdict;
import org.casehub.steering.MediationBodies.Body;
import org.casehub.steering.MediationOffers.Offer;
import org.casehub.steering.MediationOffers.OfferWrite;
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
 * <li>集体访: a case whose source counts five or more people, or whose {@code related} links join five or more cases
 * of one matter ({@link Groups}; {@code casehub.steering.group-threshold}, {@code related-group-threshold}), is a
 * group matter: the case shows {@code group} and {@code groupOf}; the first
 * time a group is recognised, event {@code org.casehub.case.group-escalated} goes at once to the district, the city
 * and the zone of the case, and the group's other cases are to be published again with the flag.</li>
 * </ul>
 * Its rows (offers, notices, deliveries) go into the index transaction's own ({@link Rows}), written with the batch's
 * one statement per kind, not a round trip per record.
 * The extra events (offers, escalations) are notices about the case at its revision, not new revisions: their ids
 * are {@code <case id>:<revision>.m<n>} and {@code <case id>:<revision>.g}; they are kept in the case's history and
 * delivered to their addresses only, not to the unified feed (which carries the case's revisions, each showing the
 * decisions).
 */
@Component
public class Steering {

    public static final String MEDIATION_OFFERED = "org.casehub.case.mediation-offered";
    public static final String GROUP_ESCALATED = "org.casehub.case.group-escalated";
    public static final String LEGAL_SUFFIX = ".legal";

    private final LawClassifier law;
    private final MediationBodies bodies;
    private final MediationOffers offers;
    private final Groups groups;
    private final CaseEvents events;
    private final ObjectMapper json;
    private final SteeringProperties thresholds;
    /**
     * the cases returned to be published again as members of a group just recognised: their links to the case that
     * recognised it are not in the index until the transaction ends, so they are looked up as members by id
     */
    private final Set<String> regrouping = ConcurrentHashMap.newKeySet();

    public Steering(LawClassifier law, MediationBodies bodies, MediationOffers offers, Groups groups,
                    CaseEvents events, ObjectMapper json, SteeringProperties properties) {
        this.law = law;
        this.bodies = bodies;
        this.offers = offers;
        this.groups = groups;
        this.events = events;
        this.json = json;
        this.thresholds = properties;
    }

    /**
     * Where steering puts its rows: the index transaction's own, written when its batch is (one statement per kind of
     * row), in the order given, so that a notice's delivery precedes its revision's.
     */
    public interface Rows {

        void event(EventWrite row);

        void outbox(OutboxWrite row);

        void offer(OfferWrite row);

        /** The offers this transaction has made to the case so far, oldest first: not in the index until it ends. */
        List<Offer> offersMade(String caseId);
    }

    /**
     * Steers the case at this revision: marks {@code data} (the revision the index is about to write and publish) and
     * queues the deliveries beyond its units.
     *
     * @param data  the case at its new revision, before its event is built
     * @param feed  the feed (or operators) whose change this is
     * @param units the units responsible for the case
     * @param rows  the index transaction's rows, which steering's join
     * @return the other cases of a group that this revision recognised: the index publishes them again, flagged
     */
    public Set<String> steer(ObjectNode data, String feed, Set<String> units, OffsetDateTime now, Rows rows) {
        if (data.hasNonNull("mergedInto")) {
            return Set.of();
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
            // a case at its first revision was opened in this transaction: the index has no offers of it to ask for
            List<Offer> made = new ArrayList<>(data.path("revision").asInt() == 1 ? List.of() : offers.of(caseId));
            made.addAll(rows.offersMade(caseId));
            for (Body body : serving) {
                if (made.stream().noneMatch(o -> o.bodyCode().equals(body.code()))) {
                    Offer offer = new Offer(body.code(), eventId + ".m" + (made.size() + 1), now);
                    rows.offer(new OfferWrite(caseId, offer, division));
                    made.add(offer);
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

        Set<String> regroup = Set.of();
        List<String> related = relatedCases(data);
        int headcount = Math.max(1, data.path("headcount").asInt(data.path("group").asBoolean() ? thresholds.groupThreshold() : 1));
        Groups.Joined group = null;
        if (regrouping.remove(caseId) || !related.isEmpty() || headcount >= thresholds.groupThreshold()) {
            group = groups.join(caseId, division, headcount, related, thresholds, eventId + ".g", now).orElse(null);
        }
        if (group != null) {
            data.put("group", group.recognised());
            if (group.recognised()) {
                data.putObject("groupOf").put("groupId", group.groupId()).put("size", group.size())
                        .put("cases", group.members()).put("by", group.recognisedBy());
            }
            if (group.recognisedNow()) {
                notices.add(new Notice(eventId + ".g", GROUP_ESCALATED, escalationUnits(units)));
                regroup = new LinkedHashSet<>(Groups.others(group.memberIds(), caseId));
                regrouping.addAll(regroup);
            }
        } else {
            data.put("group", false);
        }

        for (Notice notice : notices) {
            ObjectNode event = events.envelope(notice.type(), feed, data.deepCopy(), now);
            event.put("id", notice.eventId());
            rows.event(new EventWrite(notice.eventId(), caseId, data.path("revision").asInt(), notice.type(),
                    event.path("source").asText(), feed, now, write(event)));
            notice.addresses().forEach(address -> deliveries.add(new OutboxWrite(notice.eventId(), caseId,
                    "artemis:" + address, now)));
        }
        deliveries.forEach(rows::outbox);
        return regroup;
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

    /** The district, the city and the zone of the case: where a group matter is escalated at once. */
    static Set<String> escalationUnits(Set<String> units) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String unit : units) {
            if (unit.length() == 4 || unit.length() == 6 || isZone(unit)) {
                addresses.add(UnitResolver.address(unit));
            }
        }
        return addresses;
    }

    private static boolean isZone(String unit) {
        return unit.chars().anyMatch(Character::isLetter);
    }

    /** The cases this one is related to (same matter, different people), as its links in force show. */
    private static List<String> relatedCases(JsonNode data) {
        List<String> related = new ArrayList<>();
        for (JsonNode link : data.path("links")) {
            if ("related".equals(link.path("type").asText())) {
                related.add(link.path("caseId").asText());
            }
        }
        return related;
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
