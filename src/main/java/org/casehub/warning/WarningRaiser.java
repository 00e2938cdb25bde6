package org.casehub.warning;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.core.BeijingTime;
import org.casehub.core.Ulid;
import org.casehub.network.UnitResolver;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.OutboxRepository.EventWrite;
import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.casehub.publish.PublishProperties;
import org.casehub.publish.WarningFeedRelay;
import org.casehub.warning.SeriesRepository.Place;
import org.casehub.warning.WarningRepository.WarningRow;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises a warning: its record, its letter, and its CloudEvent {@value #TYPE} — to the warnings topic and to the
 * addresses of the unit warned (the street) and of the district-tier unit above it (the district, or the functional
 * zone) — in one transaction through the outbox, so the event goes out once the record is committed and only then,
 * delivered by the relays like a case's (at least once, with the event id for consumers and the broker to drop a
 * duplicate). A unit × category × window that has a warning already gets none.
 */
@Component
public class WarningRaiser {

    public static final String TYPE = "org.casehub.warning.raised";
    static final String SOURCE = "/casehub/warnings";
    static final String FEED = "warning";
    private static final String DATA_SCHEMA = "https://casehub.org/schemas/warning.schema.json";

    private final WarningRepository warnings;
    private final SeriesRepository series;
    private final OutboxRepository outbox;
    private final WarningLetters letters;
    private final UnitResolver units;
    private final PublishProperties publish;
    private final WarningProperties properties;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    public WarningRaiser(WarningRepository warnings, SeriesRepository series, OutboxRepository outbox,
                         WarningLetters letters, UnitResolver units, PublishProperties publish,
                         WarningProperties properties, PlatformTransactionManager transactionManager, ObjectMapper json) {
        this.warnings = warnings;
        this.series = series;
        this.outbox = outbox;
        this.letters = letters;
        this.units = units;
        this.publish = publish;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
    }

    /** Raises the finding as a warning; false when its unit × category × window has one already. */
    boolean raise(Place place, Finding finding, LocalDate today, OffsetDateTime now) {
        Assessment a = finding.assessment();
        LocalDate windowStart = today.minusDays(a.windowDays() - 1);
        List<String> caseIds = series.casesBehind(place, finding.feeds(),
                windowStart.atStartOfDay(BeijingTime.ZONE).toOffsetDateTime(), properties.casesListed());
        String district = districtOf(place.unitCode());
        WarningRow draft = new WarningRow(Ulid.next(), place.unitCode(), district, place.category(), windowStart, today,
                finding.rule(), String.join(",", finding.feeds()), a.observed(), a.expected(), a.probability(), a.score(),
                write(json.valueToTree(caseIds)), "", WarningRepository.RAISED, now, null, null, null, null, null);
        WarningLetters.Letter letter = letters.write(draft, finding.feeds());
        WarningRow row = new WarningRow(draft.warningId(), draft.unitCode(), draft.districtCode(), draft.category(),
                draft.windowStart(), draft.windowEnd(), draft.rule(), draft.sources(), draft.observed(), draft.expected(),
                draft.probability(), draft.score(), draft.caseIds(), write(json.valueToTree(letter)), draft.state(),
                draft.raisedAt(), null, null, null, null, null);
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!warnings.insert(row)) {
                return false;
            }
            String eventId = row.warningId() + ":1";
            outbox.insertEvents(List.of(new EventWrite(eventId, row.warningId(), 1, TYPE, SOURCE, FEED, now,
                    write(envelope(row, eventId)))));
            List<OutboxWrite> rows = new ArrayList<>();
            rows.add(new OutboxWrite(eventId, row.warningId(), WarningFeedRelay.destination(publish), now));
            for (String unit : addressed(row)) {
                rows.add(new OutboxWrite(eventId, row.warningId(), UnitResolver.destination(unit), now));
            }
            outbox.insertOutbox(rows);
            return true;
        }));
    }

    /** The unit warned and the district-tier unit above it (a street's district or zone). */
    static Set<String> addressed(WarningRow row) {
        Set<String> addressed = new LinkedHashSet<>();
        addressed.add(row.unitCode());
        if (row.districtCode() != null) {
            addressed.add(row.districtCode());
        }
        return addressed;
    }

    /** The unit just above a street in the network (its district, or the zone that administers it); null above streets. */
    String districtOf(String unitCode) {
        if (unitCode.length() != 9 || !unitCode.chars().allMatch(Character::isDigit)) {
            return null;
        }
        List<String> chain = new ArrayList<>(units.unitsOf(unitCode));
        int at = chain.indexOf(unitCode);
        return at > 0 ? chain.get(at - 1) : null;
    }

    private ObjectNode envelope(WarningRow row, String eventId) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", SOURCE);
        event.put("type", TYPE);
        event.put("subject", row.warningId());
        event.put("time", row.raisedAt().toInstant().toString());
        event.put("datacontenttype", "application/json");
        event.put("dataschema", DATA_SCHEMA);
        event.set("data", WarningView.of(row, json));
        return event;
    }

    private String write(Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
