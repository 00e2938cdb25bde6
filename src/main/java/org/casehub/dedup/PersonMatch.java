package org.casehub.dedup;

import java.util.List;

/**
 * Whether two records are of the same person (同人), from the keyed hashes of their persons. Ordered from the
 * strongest proof to a proof of different persons; of several persons, the strongest pair counts.
 */
enum PersonMatch {
    /** Valid resident ID numbers equal. */
    SAME_ID("same-id"),
    /** No ID numbers to compare; phones equal and names equal or one missing. */
    SAME_PHONE("same-phone"),
    /** Nothing proves it, nothing disproves it: names equal without a shared ID or phone. */
    SAME_NAME("same-name"),
    /** Nothing to compare on both sides (a name missing, nothing else shared). */
    UNKNOWN("unknown"),
    /** One side has no person: an anonymous record. */
    ANONYMOUS("anonymous"),
    /** Different valid ID numbers (even with the same phone), or different names without a shared ID or phone. */
    DIFFERENT("different");

    private final String label;

    PersonMatch(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean samePerson() {
        return this == SAME_ID || this == SAME_PHONE;
    }

    static PersonMatch of(List<PersonKey> mine, List<PersonKey> theirs) {
        if (mine.isEmpty() || theirs.isEmpty()) {
            return ANONYMOUS;
        }
        PersonMatch best = DIFFERENT;
        for (PersonKey a : mine) {
            for (PersonKey b : theirs) {
                PersonMatch pair = of(a, b);
                if (pair.ordinal() < best.ordinal()) {
                    best = pair;
                }
            }
        }
        return best;
    }

    static PersonMatch of(PersonKey a, PersonKey b) {
        if (a.validId() && b.validId()) {
            return a.idHash().equals(b.idHash()) ? SAME_ID : DIFFERENT;
        }
        boolean bothNamed = a.nameHash() != null && b.nameHash() != null;
        boolean namesEqual = bothNamed && a.nameHash().equals(b.nameHash());
        if (a.phoneHash() != null && b.phoneHash() != null) {
            if (a.phoneHash().equals(b.phoneHash())) {
                return !bothNamed || namesEqual ? SAME_PHONE : DIFFERENT;
            }
            return namesEqual ? SAME_NAME : DIFFERENT;
        }
        if (bothNamed) {
            return namesEqual ? SAME_NAME : DIFFERENT;
        }
        return UNKNOWN;
    }
}
