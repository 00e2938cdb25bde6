package org.casehub.index;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.publish.CaseEvents;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a case's process (units' reports) changes a case, as operators' decisions do: inside the caller's
 * transaction the case row is locked and read, the caller decides on what it sees (and writes its own rows), and a
 * changed process is published as {@code org.casehub.case.updated} — a new revision in the case's history, on the
 * unified feed and to its units — written by the same rows as every other change.
 */
@Component
public class CaseProcessChanges {

    private final CaseStates states;

    CaseProcessChanges(CaseStates states) {
        this.states = states;
    }

    /**
     * A case as a report finds it, locked until the transaction ends.
     *
     * @param mergedInto the case that absorbed it, or null
     * @param units      the units the case is delivered to at its current revision
     * @param division   its division code (null when unknown)
     */
    public record Locked(String caseId, int revision, String mergedInto, Set<String> units, String division) {
    }

    /**
     * What the caller decided.
     *
     * @param process the case's new process, or null when nothing changes (nothing is published)
     */
    public record Decision<T>(T result, ObjectNode process) {
    }

    /** The outcome, with the event that published the change (null when nothing changed). */
    public record Applied<T>(T result, String eventId, int revision) {
    }

    /**
     * Locks the case, hands it to {@code decide} and publishes the process it returns; runs in the caller's
     * transaction, which must exist.
     *
     * @param source who changed it: {@code /casehub/<source>} in the event
     * @throws CaseNotFoundException when there is no such case
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> Applied<T> change(String caseId, String source, OffsetDateTime now, Function<Locked, Decision<T>> decide) {
        CaseState state = states.lockAndLoad(List.of(caseId)).get(caseId);
        if (state == null) {
            throw new CaseNotFoundException("no case " + caseId);
        }
        Decision<T> decision = decide.apply(new Locked(state.caseId, state.revision, state.mergedInto,
                state.division == null ? Set.of() : states.unitsOf(state.division), state.division));
        if (decision.process() == null) {
            return new Applied<>(decision.result(), null, state.revision);
        }
        state.process = decision.process();
        IndexWrites writes = states.writes();
        states.publish(writes, state, CaseEvents.UPDATED, source, now);
        writes.write();
        return new Applied<>(decision.result(), CaseEvents.eventId(state.caseId, state.revision), state.revision);
    }
}
