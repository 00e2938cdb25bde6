package org.casehub.deadline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.cluster.LeaderLeases;
import org.casehub.core.Ulid;
import org.casehub.network.UnitResolver;
import org.casehub.publish.OutboxRepository;
import org.casehub.publish.OutboxRepository.EventWrite;
import org.casehub.publish.OutboxRepository.OutboxWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds the responsible unit of a deadline (全过程提醒监督): yellow once the configured share of its limit has
 * passed, red once it is overdue — then the tier above it too (supervision). Planned from the index's deadlines, not
 * from memory, so that a restart loses and repeats nothing: one instance at a time looks (a leader lease), and each
 * reminder is a row of {@code deadline_reminder} written in the transaction that queues its CloudEvent through the
 * outbox, so that even two senders at once queue it once (the second fails on the row's key). A closed case's
 * deadlines are stopped or met and get none; a deadline that moves (extension) or changes unit (reassignment) is
 * planned anew.
 */
@Component
public class DeadlineReminders {

    public static final String TYPE = "org.casehub.case.reminder";
    public static final String SOURCE = "/casehub/deadlines";
    public static final String LEASE = "deadline-reminders";
    static final String YELLOW = "yellow";
    static final String RED = "red";
    /** the feed column of the reminders in the case's history (case_event) */
    private static final String FEED = "deadlines";
    private static final int ROUND = 500;
    private static final String PERIOD = "#{@'casehub.deadlines-org.casehub.deadline.DeadlineProperties'.reminderPeriod()}";
    private static final Logger log = LoggerFactory.getLogger(DeadlineReminders.class);

    private final DeadlineRepository deadlines;
    private final OutboxRepository outbox;
    private final LeaderLeases leases;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final boolean enabled;

    @Autowired
    public DeadlineReminders(DeadlineRepository deadlines, OutboxRepository outbox, LeaderLeases leases,
                             PlatformTransactionManager transactionManager, ObjectMapper json, DeadlineProperties properties) {
        this(deadlines, outbox, leases, transactionManager, json, properties.reminders());
    }

    DeadlineReminders(DeadlineRepository deadlines, OutboxRepository outbox, LeaderLeases leases,
                      PlatformTransactionManager transactionManager, ObjectMapper json, boolean enabled) {
        this.deadlines = deadlines;
        this.outbox = outbox;
        this.leases = leases;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = PERIOD, initialDelayString = PERIOD)
    public void scheduled() {
        try {
            round();
        } catch (DataAccessException e) {
            log.warn("deadline reminders not sent this round: {}", e.getMessage());
        }
    }

    /** One round, if this instance leads: every reminder due now; returns how many this instance queued. */
    public int round() {
        return round(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** A round as of {@code now}: the tests' way to let weeks of a petition's limit pass. */
    int round(OffsetDateTime now) {
        if (!enabled || !leases.hold(LEASE)) {
            return 0;
        }
        int sent = 0;
        for (Deadline deadline : deadlines.remindersDue(now, ROUND)) {
            if (send(deadline, now)) {
                sent++;
            }
        }
        if (sent > 0) {
            log.info("{} deadline reminder(s) queued", sent);
        }
        return sent;
    }

    /** Queues the reminder in its own transaction; false when another sender queued it first. */
    private boolean send(Deadline deadline, OffsetDateTime now) {
        String level = deadline.dueAt().isAfter(now) ? YELLOW : RED;
        String eventId = Ulid.next();
        try {
            transactions.executeWithoutResult(status -> {
                deadlines.recordReminder(deadline, level, eventId, leases.holder(), now);
                outbox.insertEvents(List.of(new EventWrite(eventId, deadline.caseId(), deadline.caseRevision(), TYPE, SOURCE,
                        FEED, now, event(deadline, level, eventId, now))));
                List<OutboxWrite> rows = new ArrayList<>();
                rows.add(new OutboxWrite(eventId, deadline.caseId(), UnitResolver.destination(deadline.unit()), now));
                if (RED.equals(level) && deadline.supervisor() != null) {
                    rows.add(new OutboxWrite(eventId, deadline.caseId(), UnitResolver.destination(deadline.supervisor()), now));
                }
                outbox.insertOutbox(rows);
            });
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The CloudEvent: data {caseId, deadline {kind, due, rule, origin, startedAt}, level, unit, supervisor}. */
    private String event(Deadline deadline, String level, String eventId, OffsetDateTime now) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", SOURCE);
        event.put("type", TYPE);
        event.put("subject", deadline.caseId());
        event.put("time", now.toInstant().toString());
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("caseId", deadline.caseId());
        data.set("deadline", json.valueToTree(Map.of("kind", deadline.kind(), "due", deadline.dueAt().toInstant().toString(),
                "rule", deadline.rule(), "origin", deadline.origin(), "startedAt", deadline.startedAt().toInstant().toString())));
        data.put("level", level);
        data.put("unit", deadline.unit());
        data.put("supervisor", RED.equals(level) ? deadline.supervisor() : null);
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the reminder event", e);
        }
    }
}
