package org.casehub.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index's side of the rule in memory, as the database keeps it: each case's blocking keys with the case's
 * reportedAt, and its facts (the union of its records' persons once it absorbed some).
 */
public final class InMemoryCases implements CandidateSource {

    private record Entry(String caseId, Instant reportedAt) {
    }

    private final DuplicateRule rule;
    private final Map<String, List<Entry>> byKey = new HashMap<>();
    private final Map<String, CaseFacts> cases = new HashMap<>();
    private final Map<String, CaseProfile> profiles = new HashMap<>();
    private int created;
    private long candidatesAnswered;

    public InMemoryCases(DuplicateRule rule) {
        this.rule = rule;
    }

    @Override
    public List<Candidate> candidates(Set<String> blockingKeys, Instant from, Instant to) {
        Set<String> ids = new LinkedHashSet<>();
        for (String key : blockingKeys) {
            for (Entry entry : byKey.getOrDefault(key, List.of())) {
                if (!entry.reportedAt().isBefore(from) && !entry.reportedAt().isAfter(to)) {
                    ids.add(entry.caseId());
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>(ids.size());
        ids.forEach(id -> candidates.add(new Candidate(id, profiles.get(id))));
        candidatesAnswered += candidates.size();
        return candidates;
    }

    /** How many candidates all lookups answered. */
    public long candidatesAnswered() {
        return candidatesAnswered;
    }

    /** Applies a decision for the record: joins the case it merges into, or makes a new case; answers the case id. */
    public String apply(Decision decision, CaseFacts record) {
        if (decision.merged()) {
            CaseFacts merged = cases.get(decision.mergeInto()).withPersonsOf(record);
            cases.put(decision.mergeInto(), merged);
            index(decision.mergeInto(), merged);
            return decision.mergeInto();
        }
        String id = "C" + (++created);
        cases.put(id, record);
        index(id, record);
        return id;
    }

    private void index(String caseId, CaseFacts facts) {
        CaseProfile profile = rule.profile(facts);
        profiles.put(caseId, profile);
        for (String key : rule.blockingKeys(profile)) {
            List<Entry> entries = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            if (entries.stream().noneMatch(e -> e.caseId().equals(caseId))) {
                entries.add(new Entry(caseId, facts.reportedAt()));
            }
        }
    }
}
