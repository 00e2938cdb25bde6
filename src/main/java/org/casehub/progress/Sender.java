package org.casehub.progress;

import java.util.function.Predicate;

/**
 * Who sent a report, and for which units it may speak.
 *
 * @param channel http or artemis
 * @param id      the API client's id or the Artemis user
 */
record Sender(String channel, String id, Predicate<String> speaksFor) {

    static final String HTTP = "http";
    static final String ARTEMIS = "artemis";
    /** the id of a message's sender without the broker's validated user */
    static final String NO_VALIDATED_USER = "(no validated user)";

    /**
     * The sender of a message on casehub.progress: the broker's validated user {@code <prefix><unit code>} speaks for
     * that unit alone; without a validated user (a broker without logins) the message speaks for the unit it names
     * only where that is trusted, else for none.
     */
    static Sender ofArtemisUser(String validatedUser, String prefix, boolean trustUnvalidated) {
        if (validatedUser == null || validatedUser.isBlank()) {
            return new Sender(ARTEMIS, NO_VALIDATED_USER, unit -> trustUnvalidated);
        }
        String own = validatedUser.startsWith(prefix) ? validatedUser.substring(prefix.length()) : null;
        return new Sender(ARTEMIS, validatedUser, unit -> unit.equals(own));
    }

    /** The sender of a refused message, replayed: its id as quarantined ({@link #id()}), read as when it came. */
    static Sender ofArtemisId(String id, String prefix, boolean trustUnvalidated) {
        return ofArtemisUser(NO_VALIDATED_USER.equals(id) ? null : id, prefix, trustUnvalidated);
    }
}
