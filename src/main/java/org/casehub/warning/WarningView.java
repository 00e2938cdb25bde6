package org.casehub.warning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.warning.WarningRepository.WarningRow;

/**
 * A warning as the outside sees it — the event's data and the API's item alike (schemas/events/warning.schema.json):
 * where, what, the window, observed against expected, how unlikely, by which rule, the cases behind it, the letter
 * and, once operators acted, who acknowledged and closed it.
 */
final class WarningView {

    private WarningView() {
    }

    static ObjectNode of(WarningRow w, ObjectMapper json) {
        ObjectNode view = json.createObjectNode();
        view.put("warningId", w.warningId());
        view.put("unit", w.unitCode());
        view.put("district", w.districtCode());
        view.put("category", w.category());
        view.put("rule", w.rule());
        view.set("sources", json.valueToTree(w.sources().isEmpty() ? new String[0] : w.sources().split(",")));
        view.putObject("window").put("start", w.windowStart().toString()).put("end", w.windowEnd().toString());
        view.put("observed", w.observed());
        view.put("expected", Math.round(w.expected() * 100) / 100.0);
        view.put("probability", w.probability());
        view.put("score", Math.round(w.score() * 100) / 100.0);
        view.set("caseIds", read(json, w.caseIds()));
        view.set("letter", read(json, w.letter()));
        view.put("state", w.state());
        view.put("raisedAt", w.raisedAt().toInstant().toString());
        if (w.acknowledgedAt() != null) {
            view.putObject("acknowledged").put("by", w.acknowledgedBy()).put("at", w.acknowledgedAt().toInstant().toString());
        }
        if (w.closedAt() != null) {
            view.putObject("closed").put("by", w.closedBy()).put("at", w.closedAt().toInstant().toString())
                    .put("note", w.closeNote());
        }
        return view;
    }

    private static JsonNode read(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a warning's stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
