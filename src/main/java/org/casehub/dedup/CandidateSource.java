package org.casehub.dedup;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The index's side of blocking: the cases (not merged away) having any of the keys, reported within [from, to]. */
public interface CandidateSource {

    List<Candidate> candidates(Set<String> blockingKeys, Instant from, Instant to);
}
