package org.casehub.network;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;

/**
 * The hub's Artemis user lacks a permission the hub needs: said with the permission as {@code broker.xml} names it
 * ({@code createDurableQueue}, {@code send}, …) and the address, so that an operator can grant it, instead of a stack
 * trace about sessions. Start-up fails with it (see {@link ArtemisPermissionFailureAnalyzer}).
 */
public class ArtemisPermissionMissing extends RuntimeException {

    /** Artemis' own wording: "AMQ229213: User: hub does not have permission='CREATE_DURABLE_QUEUE' … on address x" */
    private static final Pattern REFUSAL = Pattern.compile("User: (\\S*) does not have permission='(\\w+)'.* address (\\S+)");

    private final String user;
    private final String permission;
    private final String address;

    public ArtemisPermissionMissing(String user, String permission, String address) {
        super("the Artemis user '" + user + "' lacks the permission " + permission + " on the address " + address
                + ": grant the hub's role createAddress, createDurableQueue and send on casehub.unit.# in broker.xml's"
                + " security-settings (README, running in production)");
        this.user = user;
        this.permission = permission;
        this.address = address;
    }

    /** What the broker refused, read from its message; empty when it is not a missing permission (a failed login). */
    static Optional<ArtemisPermissionMissing> of(ActiveMQSecurityException refusal) {
        Matcher matcher = REFUSAL.matcher(String.valueOf(refusal.getMessage()));
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new ArtemisPermissionMissing(matcher.group(1), brokerXmlName(matcher.group(2)),
                matcher.group(3)));
    }

    /** CREATE_DURABLE_QUEUE → createDurableQueue, as the permission's type is written in broker.xml */
    private static String brokerXmlName(String checkType) {
        StringBuilder name = new StringBuilder();
        for (String word : checkType.toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    public String user() {
        return user;
    }

    public String permission() {
        return permission;
    }

    public String address() {
        return address;
    }
}
