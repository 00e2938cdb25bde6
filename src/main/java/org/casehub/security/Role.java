package org.casehub.security;

import java.util.Locale;

/** What a client may do. Roles say which actions; the client's scope says on which cases. */
public enum Role {
    /** reads the case index within its scope */
    READER,
    /** operator actions: the audit trail, the actuator, every change made through the API */
    OPERATOR,
    /** a unit's system: reports progress on the cases delivered to the units inside its scope */
    UNIT;

    /** The Spring Security authority of the role, for {@code hasRole}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The name as written in {@code config/clients.yaml}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
