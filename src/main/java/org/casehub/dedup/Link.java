package org.casehub.dedup;

import java.util.Map;

/** A possible or related link from a new case to an existing one, with the score and features that made it. */
public record Link(String caseId, LinkKind kind, double score, Map<String, Object> features) {
}
