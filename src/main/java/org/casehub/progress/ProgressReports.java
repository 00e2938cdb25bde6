package org.casehub.progress;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.jms.JMSException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsMessage;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.core.StoreOutcome;
import org.casehub.index.CaseNotFoundException;
import org.casehub.index.CaseProcessChanges;
import org.casehub.index.CaseProcessChanges.Applied;
import org.casehub.index.CaseProcessChanges.Decision;
import org.casehub.progress.ProgressProperties.StateRule;
import org.casehub.progress.ProgressRepository.Report;
import org.casehub.quarantine.QuarantineRepository;
import org.casehub.quarantine.ReplayTarget;
import org.casehub.security.AuditEntry;
import org.casehub.security.AuditOutcome;
import org.casehub.security.AuditTrail;
import org.casehub.security.Callers;
import org.casehub.security.Client;
import org.casehub.security.ClientAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Units' reports on their cases, from {@code POST /api/cases/{id}/progress} (routes/api/progress.camel.yaml) and from
 * the Artemis anycast address {@code casehub.progress} (routes/progress.camel.yaml). A report is taken only for a unit
 * the case is delivered to and that its sender speaks for; the same unit and result id again changes nothing. In one
 * transaction it is stored, the case's process changes by the rules of config/process.yaml ({@link ProcessStep}: a
 * new status, a 退回 puts the case in manual routing, a 延期 extends its statutory limit once), the change is published like an operator's decision (a new revision, on the feed and to the units,
 * so the supervising tiers learn of a 退回 too) and what follows from it is queued ({@link ReportWritten}). A message
 * refused into quarantine can be replayed once the case allows it ({@link ReplayTarget}).
 */
@Component("progressReports")
public class ProgressReports implements ReplayTarget {

    /** the feed name of the refused messages in quarantine */
    public static final String QUARANTINE_FEED = "unit-progress";
    static final String SOURCE = "units";
    static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final Logger log = LoggerFactory.getLogger(ProgressReports.class);

    private final TransactionTemplate transactions;
    private final CaseProcessChanges changes;
    private final ProgressRepository reports;
    private final ProgressProperties properties;
    private final AuditTrail audit;
    private final QuarantineRepository quarantine;
    private final ObjectMapper json;
    private final ObjectProvider<ReportWritten> followers;

    public ProgressReports(PlatformTransactionManager transactionManager, CaseProcessChanges changes,
                           ProgressRepository reports, ProgressProperties properties, AuditTrail audit,
                           QuarantineRepository quarantine, ObjectMapper json, ObjectProvider<ReportWritten> followers) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.changes = changes;
        this.reports = reports;
        this.properties = properties;
        this.audit = audit;
        this.quarantine = quarantine;
        this.json = json;
        this.followers = followers;
    }

    /**
     * What became of a report.
     *
     * @param duplicate the unit had sent this result id before: nothing changed
     */
    public record Outcome(Report report, boolean duplicate) {

        Map<String, Object> answer() {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("caseId", report.caseId());
            answer.put("resultId", report.resultId());
            answer.put("unit", report.unit());
            answer.put("state", report.state());
            answer.put("status", report.process().path("status").asText(null));
            answer.put("eventId", report.eventId());
            answer.put("duplicate", duplicate);
            return answer;
        }
    }

    /** A report over HTTP: the caller (role unit) speaks for the units inside its scope; its scope's unit by default. */
    public Map<String, Object> http(@Header("id") String caseId, @Body Map<String, Object> body) {
        ClientAuthentication caller = Callers.current();
        Client client = caller.client();
        ProgressReport report = ProgressReport.read(caseId, body, client.scope().code());
        Outcome outcome = apply(report, new Sender(Sender.HTTP, client.id(), client.scope()::contains), null);
        audit.record(AuditEntry.of(caller, AuditTrail.PROGRESS_REPORT, "POST /api/cases/" + caseId + "/progress",
                AuditOutcome.SUCCESS, (outcome.duplicate() ? "duplicate " : "") + "unit " + report.unit() + " state "
                        + report.state() + " result " + report.resultId()));
        return outcome.answer();
    }

    /**
     * A message from casehub.progress: a JSON report with its caseId. A message that cannot be taken — not JSON, a
     * field wrong, a case unknown or not delivered to the unit, a sender that does not speak for the unit, nothing
     * allowed after 办结 — goes to quarantine with the reason, its bytes and its sender, and the message is consumed; a
     * failure of the hub itself (the database down) is thrown, so that the broker delivers the message again.
     */
    public void message(@Body byte[] body, @Header("JMSMessageID") String messageId, Message in) {
        Sender sender = Sender.ofArtemisUser(validatedUser(in), properties.artemisUserPrefix(),
                properties.trustUnvalidatedSender());
        take(body, sender, null).ifPresent(reason -> refuse(body, sender, messageId, reason));
    }

    @Override
    public String feed() {
        return QUARANTINE_FEED;
    }

    /**
     * A refused message again, from the user the broker validated when it came, against the case as it is now (it
     * may since have been delivered to the unit): taken, its quarantine row is replayed in the report's transaction;
     * refused again, the row stays open with the new reason.
     */
    @Override
    public void replay(FeedRecord record) {
        Sender sender = Sender.ofArtemisId(String.valueOf(record.position().get("user")), properties.artemisUserPrefix(),
                properties.trustUnvalidatedSender());
        take(record.raw(), sender, record.replayOf()).ifPresent(reason -> {
            record.reject(new RecordRejectedException("progress", reason));
            transactions.executeWithoutResult(status -> {
                if (quarantine.claim(record.replayOf())) {
                    quarantine.add(record, OffsetDateTime.now(ZoneOffset.UTC));
                }
            });
        });
    }

    /** Applies a message's report (settling quarantine row {@code replayOf}, if any); why it is refused, if it is. */
    private Optional<String> take(byte[] body, Sender sender, Long replayOf) {
        try {
            Map<String, Object> fields = json.readValue(body, OBJECT);
            Object caseId = fields.get("caseId");
            apply(ProgressReport.read(caseId instanceof String id ? id : null, fields, null), sender, replayOf);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("not a JSON report: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        } catch (IllegalArgumentException | ProgressRefusedException | ProgressConflictException | CaseNotFoundException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The user the broker authenticated for the message ({@code _AMQ_VALIDATED_USER}, which Artemis' JMS client also
     * gives as {@code JMSXUserID}), read from the JMS message itself: Camel's header mapping may leave either out.
     */
    static String validatedUser(Message in) {
        if (in instanceof JmsMessage jms && jms.getJmsMessage() != null) {
            try {
                String user = jms.getJmsMessage().getStringProperty(VALIDATED_USER);
                return user != null ? user : jms.getJmsMessage().getStringProperty("JMSXUserID");
            } catch (JMSException e) {
                throw new IllegalStateException("cannot read the message's validated user", e);
            }
        }
        return in.getHeader(VALIDATED_USER, String.class);
    }

    private void refuse(byte[] body, Sender sender, String messageId, String reason) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("address", "casehub.progress");
        position.put("messageId", messageId);
        position.put("user", sender.id());
        FeedRecord record = new FeedRecord(QUARANTINE_FEED, body, position, Instant.now());
        record.reject(new RecordRejectedException("progress", reason));
        quarantine.add(record, OffsetDateTime.now(ZoneOffset.UTC));
        log.warn("a progress report from {} on casehub.progress was refused: {}", sender.id(), reason);
    }

    /**
     * Checks the report, then applies it in one transaction — with the quarantine row it replays, if any, settled in
     * it (null when another replay or a discard settled the row first).
     */
    Outcome apply(ProgressReport report, Sender sender, Long replayOf) {
        if (report.unit() == null) {
            throw new IllegalArgumentException("unit: required");
        }
        if (!sender.speaksFor().test(report.unit())) {
            throw new ProgressRefusedException(sender.id() + " may not report for unit " + report.unit());
        }
        StateRule rule = properties.rule(report.state()).orElseThrow(() -> new IllegalArgumentException("state: one of "
                + properties.states().stream().map(StateRule::state).toList() + ", not " + report.state()));
        if (rule.reasonRequired() && report.reason() == null) {
            throw new IllegalArgumentException("reason: required for " + report.state());
        }
        return transactions.execute(status -> {
            if (replayOf != null && !quarantine.claim(replayOf)) {
                return null;
            }
            Outcome outcome = applyTo(report.caseId(), report, rule, sender, 0);
            if (replayOf != null) {
                quarantine.replayed(replayOf, outcome.duplicate() ? StoreOutcome.DUPLICATE : StoreOutcome.UPDATED,
                        outcome.report().caseId(), OffsetDateTime.now(ZoneOffset.UTC));
            }
            return outcome;
        });
    }

    private Outcome applyTo(String caseId, ProgressReport report, StateRule rule, Sender sender, int hops) {
        // the databases keep microseconds: the report and its event keep the same instant, read back or not
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Applied<Object> applied = changes.change(caseId, SOURCE, now, locked -> {
            Optional<Report> before = reports.find(report.unit(), report.resultId());
            if (before.isPresent()) {
                return new Decision<>(new Outcome(before.get(), true), null);
            }
            if (locked.mergedInto() != null) {
                return new Decision<>(locked.mergedInto(), null);   // the units' report goes on with the case that absorbed it
            }
            if (!locked.units().contains(report.unit())) {
                throw new ProgressRefusedException("case " + caseId + " is not delivered to unit " + report.unit());
            }
            ObjectNode process = ProcessStep.after(json, properties, caseId, report, rule,
                    reports.of(List.of(caseId)).get(caseId));
            return new Decision<>(process, process);
        });
        if (applied.result() instanceof Outcome duplicate) {
            return duplicate;
        }
        if (applied.result() instanceof String survivor) {
            if (hops > 10) {
                throw new IllegalStateException("case " + caseId + " is merged round a loop");
            }
            return applyTo(survivor, report, rule, sender, hops + 1);
        }
        Report row = new Report(0, caseId, report.unit(), report.resultId(), report.state(), report.reason(),
                report.text(), report.actedAt().atOffset(ZoneOffset.UTC), now, sender.channel(), sender.id(),
                applied.eventId(), (ObjectNode) applied.result());
        reports.insert(row);
        followers.forEach(follower -> follower.written(row));
        return new Outcome(row, false);
    }
}
