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

    /**
     * The sender of a message on casehub.progress: the broker's validated user {@code <prefix><unit code>} speaks for
     * that unit alone; without a validated user (a broker without logins) the message speaks for the unit it names
     * only where that is trusted, else for none.
     */
    static Sender ofArtemisUser(String validatedUser, String prefix, boolean trustUnvalidated) {
        if (validatedUser == null || validatedUser.isBlank()) {
            return new Sender(ARTEMIS, "(no validated user)", unit -> trustUnvalidated);
        }
        String own = validatedUser.startsWith(prefix) ? validatedUser.substring(prefix.length()) : null;
        return new Sender(ARTEMIS, validatedUser, unit -> unit.equals(own));
    }
}
