package org.casehub.publish;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Header;
import org.casehub.publish.OutboxRepository.Parked;
import org.casehub.security.AuditEntry;
import org.casehub.security.AuditOutcome;
import org.casehub.security.AuditTrail;
import org.casehub.security.Callers;
import org.springframework.stereotype.Component;

/**
 * The parked outbox rows, for operators: each with its destination, the reason it was refused and how many later
 * events of its case wait behind it; and the re-send of one once the cause is fixed (the topic's limit raised, the
 * address's permission granted), audited as {@code outbox.resend}. A re-sent row goes out in the relay's next round,
 * then the rows that waited behind it, in order; refused again, it is parked again with the new reason.
 */
@Component("parkedEventsApi")
public class ParkedEventsApi {

    private static final int MAX_ROWS = 500;

    private final OutboxRepository outbox;
    private final AuditTrail audit;

    public ParkedEventsApi(OutboxRepository outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** The parked rows, oldest first (at most 500), and how many per channel. */
    public Map<String, Object> list() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("counts", outbox.parkedCounts());
        answer.put("items", outbox.parked(MAX_ROWS).stream().map(ParkedEventsApi::view).toList());
        return answer;
    }

    /** Releases one parked row for the relay's next round: the row as it was parked. */
    public Map<String, Object> resend(@Header("id") String id) {
        long key = id(id);
        Parked parked = outbox.findParked(key).orElseThrow(() -> new ParkedEventNotFoundException("no parked outbox row " + key));
        if (!outbox.unpark(key)) {
            throw new ParkedEventNotFoundException("outbox row " + key + " is no longer parked");
        }
        audit.record(AuditEntry.of(Callers.current(), AuditTrail.OUTBOX_RESEND, "outbox:" + key, AuditOutcome.SUCCESS,
                parked.eventId() + " to " + parked.destination() + ", parked for: " + parked.reason()));
        return view(parked);
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id must be an outbox row's number, not '" + id + "'");
        }
    }

    private static Map<String, Object> view(Parked row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("eventId", row.eventId());
        view.put("caseId", row.caseId());
        view.put("channel", row.channel());
        view.put("destination", row.destination());
        view.put("reason", row.reason());
        view.put("parkedAt", row.parkedAt().toInstant().toString());
        view.put("waiting", row.waiting());
        return view;
    }
}
