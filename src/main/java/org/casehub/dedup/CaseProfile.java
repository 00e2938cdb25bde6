package org.casehub.dedup;

import java.time.Instant;
import java.util.List;

/**
 * A case or record as the rule compares it: its facts with the wording already cut into bigrams and key facts. Made
 * once per case revision ({@link DuplicateRule#profile}) and kept, so that a case found by many decisions is not
 * parsed and cut again at each of them; the title and description themselves are not kept.
 */
public final class CaseProfile {

    final String category;
    final String divisionCode;
    final Instant reportedAt;
    final List<PersonKey> persons;
    final MatterText text;

    CaseProfile(CaseFacts facts, MatterVocabulary vocabulary) {
        this.category = facts.category();
        this.divisionCode = facts.divisionCode();
        this.reportedAt = facts.reportedAt();
        this.persons = facts.persons();
        this.text = new MatterText(facts, vocabulary);
    }

    public Instant reportedAt() {
        return reportedAt;
    }
}
