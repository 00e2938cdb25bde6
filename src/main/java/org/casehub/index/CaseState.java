package org.casehub.index;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.casehub.dedup.CaseFacts;

/**
 * A case as one index transaction knows it: read (and locked) once, then changed in memory by the records and
 * decisions applied to it, and written once at the end.
 */
final class CaseState {

    final String caseId;
    /** whether the row was in the index before this transaction */
    final boolean existed;
    int revision;
    /** the division the units were last told of (null for a new case) */
    String division;
    /** the identity ({@code <feed>:<record id>}) of the source record whose content the case shows */
    String primary;
    /** what the dedup rule compares of the case: the primary's facts with the persons of every source */
    CaseFacts facts;
    String mergedInto;
    /** the units' reports as the case shows them (null before the first): laid over the sources' content */
    ObjectNode process;
    /** the other cases of a group this case's last revision recognised, to be published again with the flag */
    Set<String> regroup = Set.of();
    final List<Source> sources = new ArrayList<>();
    final List<LinkRow> links = new ArrayList<>();

    CaseState(String caseId, boolean existed) {
        this.caseId = caseId;
        this.existed = existed;
    }

    Optional<Source> source(String identity) {
        return sources.stream().filter(s -> s.identity().equals(identity)).findFirst();
    }

    /** Replaces the source record of this identity, or adds it. */
    void put(Source source) {
        sources.removeIf(s -> s.identity().equals(source.identity()));
        sources.add(source);
    }

    Source primarySource() {
        return source(primary).orElseGet(() -> sources.get(0));
    }

    /** One source record of a case, its content as mapped (persons masked and hashed only). */
    record Source(String feed, String recordId, long version, OffsetDateTime receivedAt, JsonNode canonical) {
        String identity() {
            return feed + ":" + recordId;
        }
    }

    /**
     * A row of case_link seen from this case: a record merged into it (otherCaseId null), or a link with another
     * case in either direction.
     */
    record LinkRow(long id, String caseId, String otherCaseId, String feed, String recordId, String kind, double score,
                   Map<String, Object> features, String state) {

        /** The case at the other end, seen from {@code self}. */
        String otherEnd(String self) {
            return self.equals(caseId) ? otherCaseId : caseId;
        }
    }
}
