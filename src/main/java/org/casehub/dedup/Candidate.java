package org.casehub.dedup;

/** A case the blocking keys found, as the rule compares it. */
public record Candidate(String caseId, CaseProfile profile) {
}
