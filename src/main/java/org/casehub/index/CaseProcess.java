package org.casehub.index;

import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What happened to a case after its sources told of it — the units' reports — as a package above the index keeps it
 * (org.casehub.progress). The index lays it over the case it composes from the sources, so a later version of a source
 * record does not undo a unit's answer: {@code status} and {@code manualRouting} of the process replace the source's,
 * and the whole object is the case's {@code process}.
 */
public interface CaseProcess {

    /** The process of each of these cases that has one (one query for a whole batch). */
    Map<String, ObjectNode> of(Collection<String> caseIds);
}
