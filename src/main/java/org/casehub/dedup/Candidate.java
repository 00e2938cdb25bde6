package org.casehub.dedup;

/** A case the blocking keys found, with what the rule compares of it. */
public record Candidate(String caseId, CaseFacts facts) {
}
