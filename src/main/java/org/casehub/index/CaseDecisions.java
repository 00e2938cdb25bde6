package org.casehub.index;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.casehub.core.Ulid;
import org.casehub.dedup.CaseFacts;
import org.casehub.dedup.LinkKind;
import org.casehub.index.CaseState.LinkRow;
import org.casehub.index.CaseState.Source;
import org.casehub.publish.CaseEvents;
import org.casehub.security.Callers;
import org.casehub.security.ScopeRestriction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators decide about duplicates (routes/api/dedup.camel.yaml): split a wrongly merged source record out
 * into a case of its own, confirm a possible duplicate (the later case is absorbed: it ends with
 * {@code case.merged} carrying {@code mergedInto}, the surviving case is updated), or reject it. Each decision is
 * one transaction, names its operator on the link, is published from {@code /casehub/operators}, and — being an
 * operator action — is written to the audit trail. Later versions of a source record go to the case it now
 * belongs to, so they respect the decision.
 */
@Component("caseDecisions")
public class CaseDecisions {

    private static final String OPERATORS = "operators";

    private final TransactionTemplate transactions;
    private final CaseStates states;
    private final CaseRepository cases;

    public CaseDecisions(PlatformTransactionManager transactionManager, CaseStates states, CaseRepository cases) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.states = states;
        this.cases = cases;
    }

    /** Possible duplicates waiting for a person, oldest first, both cases inside the caller's scope. */
    public Map<String, Object> reviews() {
        ScopeRestriction scope = CaseRepository.callerScope();
        List<Map<String, Object>> items = cases.openPossibleLinks(scope).stream().map(link -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("linkId", link.id());
            item.put("caseId", link.caseId());
            item.put("possibleDuplicateOf", link.otherCaseId());
            item.put("score", link.score());
            item.put("features", states.features(link.features()));
            item.put("createdAt", link.createdAt().toInstant().toString());
            return item;
        }).toList();
        return Map.of("items", items);
    }

    /** Moves one source record out of its case into a new case of its own. */
    public Map<String, Object> split(@Header("id") String caseId, @Body Map<String, Object> request) {
        String feed = text(request, "feed");
        String recordId = text(request, "recordId");
        String reason = reason(request);
        String operator = operator();
        visible(caseId);
        return transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            CaseState from = locked(caseId);
            Source source = from.source(feed + ":" + recordId).orElseThrow(() -> new IllegalArgumentException(
                    "case " + caseId + " has no source record " + feed + ":" + recordId));
            if (from.sources.size() == 1) {
                throw new IllegalArgumentException("case " + caseId + " has only this source record: nothing to split");
            }
            from.sources.remove(source);
            from.links.removeIf(l -> l.otherCaseId() == null && feed.equals(l.feed()) && recordId.equals(l.recordId()));
            if (source.identity().equals(from.primary)) {
                from.primary = from.sources.get(0).identity();
            }
            from.facts = factsOf(from);
            cases.splitMergedLink(caseId, feed, recordId, operator, now, reason);

            CaseState split = new CaseState(Ulid.next(), false);
            split.primary = source.identity();
            split.sources.add(source);
            split.facts = factsOf(split);
            IndexWrites writes = states.writes();
            states.publish(writes, split, CaseEvents.CREATED, OPERATORS, now);
            states.publish(writes, from, CaseEvents.UPDATED, OPERATORS, now);
            writes.write();
            cases.moveSource(feed, recordId, split.caseId);
            return Map.of("caseId", split.caseId, "splitFrom", caseId);
        });
    }

    /** The two cases of a possible-duplicate link are one grievance: the later case is absorbed into the earlier. */
    public Map<String, Object> confirm(@Header("linkId") long linkId, @Body Map<String, Object> request) {
        String reason = reason(request);
        String operator = operator();
        return transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            LinkRow link = openPossible(linkId);
            CaseState absorbed = locked(link.caseId());
            CaseState survivor = locked(link.otherCaseId());
            for (CaseState state : List.of(absorbed, survivor)) {
                if (state.mergedInto != null) {
                    throw new IllegalArgumentException("case " + state.caseId + " was already merged into " + state.mergedInto);
                }
            }
            decide(linkId, "confirmed", operator, now, reason);
            IndexWrites writes = states.writes();
            states.link(writes, survivor, new LinkRow(0, survivor.caseId, absorbed.caseId, null, null, LinkKind.MERGED.label(),
                    link.score(), link.features(), "recorded"), now);
            survivor.sources.addAll(absorbed.sources);
            survivor.facts = factsOf(survivor);
            absorbed.mergedInto = survivor.caseId;
            absorbed.links.removeIf(l -> l.id() == linkId);
            survivor.links.removeIf(l -> l.id() == linkId);
            states.publish(writes, survivor, CaseEvents.UPDATED, OPERATORS, now);
            states.publish(writes, absorbed, CaseEvents.MERGED, OPERATORS, now);
            writes.write();
            cases.moveSources(absorbed.caseId, survivor.caseId);
            return Map.of("caseId", survivor.caseId, "absorbed", absorbed.caseId);
        });
    }

    /** The two cases of a possible-duplicate link are different grievances: the link is closed. */
    public Map<String, Object> reject(@Header("linkId") long linkId, @Body Map<String, Object> request) {
        String reason = reason(request);
        String operator = operator();
        return transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            LinkRow link = openPossible(linkId);
            CaseState holder = locked(link.caseId());
            decide(linkId, "rejected", operator, now, reason);
            holder.links.removeIf(l -> l.id() == linkId);
            IndexWrites writes = states.writes();
            states.publish(writes, holder, CaseEvents.UPDATED, OPERATORS, now);
            writes.write();
            return Map.of("caseId", holder.caseId, "rejected", link.otherCaseId());
        });
    }

    private LinkRow openPossible(long linkId) {
        LinkRow link = cases.lockLink(linkId).map(states::linkRow)
                .orElseThrow(() -> new CaseNotFoundException("no link " + linkId));
        visible(link.caseId());
        visible(link.otherCaseId());
        if (!LinkKind.POSSIBLE.label().equals(link.kind()) || !"open".equals(link.state())) {
            throw new IllegalArgumentException("link " + linkId + " is a " + link.kind() + " link in state " + link.state()
                    + ": only an open possible duplicate can be confirmed or rejected");
        }
        return link;
    }

    private void decide(long linkId, String state, String operator, OffsetDateTime now, String reason) {
        cases.decideLink(linkId, state, operator, now, reason);
    }

    private CaseState locked(String caseId) {
        CaseState state = states.lockAndLoad(List.of(caseId)).get(caseId);
        if (state == null) {
            throw new CaseNotFoundException("no case " + caseId);
        }
        return state;
    }

    /** A case outside the operator's scope does not exist for them. */
    private void visible(String caseId) {
        ScopeRestriction scope = CaseRepository.callerScope();
        if (cases.find(scope, caseId).isEmpty()) {
            throw new CaseNotFoundException("no case " + caseId);
        }
    }

    /** The primary source's facts with the persons of every source. */
    static CaseFacts factsOf(CaseState state) {
        Source primary = state.primarySource();
        CaseFacts facts = CaseFacts.of(primary.canonical(), primary.receivedAt().toInstant());
        for (Source source : state.sources) {
            if (source != primary) {
                facts = facts.withPersonsOf(CaseFacts.of(source.canonical(), source.receivedAt().toInstant()));
            }
        }
        return facts;
    }

    private static String operator() {
        return Callers.current().client().id();
    }

    private static String reason(Map<String, Object> request) {
        String reason = request == null ? null : (String) request.get("reason");
        if (reason != null && reason.length() > 500) {
            throw new IllegalArgumentException("reason: at most 500 characters");
        }
        return reason;
    }

    private static String text(Map<String, Object> request, String field) {
        Object value = request == null ? null : request.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
        return text;
    }
}
