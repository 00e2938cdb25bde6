package org.casehub.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.progress.ProgressProperties.StateRule;

/**
 * The case's process after one more report, from the process the last report left ({@code null}: none yet): what the
 * unit did, the status its rule gives the case, and what outlives any later report — the extension of the statutory
 * limit (延期, granted once per case), which the index shows as {@code deadlines.extended} and the statutory clock
 * counts. Kept apart from the transaction so that the rules read, and are tested, on their own.
 */
final class ProcessStep {

    private ProcessStep() {
    }

    /**
     * @throws ProgressConflictException nothing may follow the last report (办结), or the report would extend the
     *                                    limit a second time
     */
    static ObjectNode after(ObjectMapper json, ProgressProperties rules, String caseId, ProgressReport report,
                            StateRule rule, ObjectNode last) {
        if (last != null && rules.rule(last.path("state").asText()).map(StateRule::last).orElse(false)) {
            throw new ProgressConflictException("case " + caseId + " was reported " + last.path("state").asText()
                    + " by unit " + last.path("unit").asText() + ": nothing follows");
        }
        ObjectNode extension = last == null ? null : (ObjectNode) last.get("extension");
        if (rule.extendsDeadline() && extension != null) {
            throw new ProgressConflictException("case " + caseId + "'s limit was extended already (" + report.state()
                    + " by unit " + extension.path("unit").asText() + ", result " + extension.path("resultId").asText()
                    + "): a limit is extended once");
        }
        ObjectNode process = json.createObjectNode()
                .put("state", report.state())
                .put("unit", report.unit())
                .put("actedAt", report.actedAt().toString())
                .put("resultId", report.resultId());
        if (rule.status() != null) {
            process.put("status", rule.status()).put("manualRouting", rule.manualRouting());
        } else if (last != null) {
            // a report that leaves the status (延期) keeps what the reports before it decided
            process.set("status", last.get("status"));
            process.set("manualRouting", last.get("manualRouting"));
        }
        if (report.reason() != null) {
            process.put("reason", report.reason());
        }
        if (rule.extendsDeadline()) {
            extension = json.createObjectNode().put("unit", report.unit()).put("resultId", report.resultId())
                    .put("actedAt", report.actedAt().toString()).put("reason", report.reason());
        }
        if (extension != null) {
            process.set("extension", extension);
        }
        process.put("reports", (last == null ? 0 : last.path("reports").asInt()) + 1);
        return process;
    }
}
