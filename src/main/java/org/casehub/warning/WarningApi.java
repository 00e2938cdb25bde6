package org.casehub.warning;

import static org.casehub.security.ApiParameters.time;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.casehub.security.AuditEntry;
import org.casehub.security.AuditOutcome;
import org.casehub.security.AuditTrail;
import org.casehub.security.Callers;
import org.casehub.security.ClientAuthentication;
import org.casehub.security.ScopeRestriction;
import org.casehub.warning.WarningRepository.WarningRow;
import org.springframework.stereotype.Component;

/**
 * The bean behind {@code routes/api/warnings.camel.yaml}: the warnings in the caller's scope (as cases are scoped: a
 * warning of a unit outside it is 404 and never listed), newest first, with the series back-fill's progress; and the
 * operators' acknowledgement and closing of one, each recorded on the warning (who, when, the note) and in the audit
 * trail as {@value #ACKNOWLEDGE} / {@value #CLOSE}.
 */
@Component("warningApi")
public class WarningApi {

    static final String ACKNOWLEDGE = "warning.acknowledge";
    static final String CLOSE = "warning.close";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_NOTE = 500;
    private static final Set<String> STATES = Set.of(WarningRepository.RAISED, WarningRepository.ACKNOWLEDGED,
            WarningRepository.CLOSED);

    private final WarningRepository warnings;
    private final SeriesBackfill backfill;
    private final AuditTrail audit;
    private final ObjectMapper json;

    public WarningApi(WarningRepository warnings, SeriesBackfill backfill, AuditTrail audit, ObjectMapper json) {
        this.warnings = warnings;
        this.backfill = backfill;
        this.audit = audit;
        this.json = json;
    }

    public Map<String, Object> list(@Header("since") String since, @Header("state") String state,
                                    @Header("limit") String limit) {
        int size = limit == null || limit.isBlank() ? DEFAULT_LIMIT : parse(limit);
        if (size < 1 || size > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        if (state != null && !state.isBlank() && !STATES.contains(state)) {
            throw new IllegalArgumentException("state must be one of " + STATES);
        }
        OffsetDateTime from = since == null || since.isBlank() ? null : time("since", since);
        List<ObjectNode> items = warnings.list(scope(), from, state == null || state.isBlank() ? null : state, size)
                .stream().map(w -> WarningView.of(w, json)).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", items);
        answer.put("seriesBackfill", backfill.progress().orElse(null));
        return answer;
    }

    public ObjectNode get(@Header("id") String id) {
        return WarningView.of(found(id), json);
    }

    public ObjectNode acknowledge(@Header("id") String id) {
        WarningRow found = found(id);
        ClientAuthentication caller = Callers.current();
        if (!warnings.acknowledge(found.warningId(), caller.client().id(), OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new WarningStateException("warning " + id + " is " + found.state() + ", not raised");
        }
        audit.record(AuditEntry.of(caller, ACKNOWLEDGE, "warning:" + id, AuditOutcome.SUCCESS,
                found.unitCode() + " " + found.category() + " " + found.windowStart() + ".." + found.windowEnd()));
        return get(id);
    }

    /** @param body optional {"note": "..."}: what was done about it */
    public ObjectNode close(@Header("id") String id, @Body String body) {
        WarningRow found = found(id);
        String note = note(body);
        ClientAuthentication caller = Callers.current();
        if (!warnings.close(found.warningId(), caller.client().id(), OffsetDateTime.now(ZoneOffset.UTC), note)) {
            throw new WarningStateException("warning " + id + " is closed already");
        }
        audit.record(AuditEntry.of(caller, CLOSE, "warning:" + id, AuditOutcome.SUCCESS, note));
        return get(id);
    }

    private WarningRow found(String id) {
        return warnings.find(scope(), id).orElseThrow(() -> new WarningNotFoundException("no warning " + id));
    }

    private String note(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode note = json.readTree(body).path("note");
            String text = note.isTextual() ? note.asText() : null;
            if (text != null && text.length() > MAX_NOTE) {
                throw new IllegalArgumentException("note is longer than " + MAX_NOTE + " characters");
            }
            return text;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body must be JSON: {\"note\": \"...\"}");
        }
    }

    private static ScopeRestriction scope() {
        return Callers.current().client().scope().restriction("w.unit_code");
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number, not '" + number + "'");
        }
    }
}
