package org.casehub.support;

import java.util.Set;
import java.util.stream.Collectors;

import org.casehub.publish.CaseEvents;

/**
 * The SQL condition on case_event that keeps a case's revisions: the events of the unified feed. The case's history
 * also holds what was sent about it to Artemis addresses only — mediation offers and group escalations (ids
 * {@code <revision>.m1}, {@code .g}), deadline reminders — and the early warnings' events; ITs that count revisions or
 * match casehub.cases against the index leave those out.
 */
public final class Revisions {

    /** the revisions' event types: created, updated, merged, reassigned */
    public static final Set<String> TYPES = Set.of(CaseEvents.CREATED, CaseEvents.UPDATED, CaseEvents.MERGED,
            CaseEvents.REASSIGNED);
    /** {@code event_type IN (…)} of {@link #TYPES} */
    public static final String ONLY = TYPES.stream().sorted().map(type -> "'" + type + "'")
            .collect(Collectors.joining(", ", "event_type IN (", ")"));

    private Revisions() {
    }
}
