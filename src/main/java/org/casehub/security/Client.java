package org.casehub.security;

import java.util.Set;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A system that calls casehub's API, as {@code config/clients.yaml} defines it: the principal of every
 * authenticated API request. Holds nothing secret (the key's hash stays in {@link ClientRegistry}).
 *
 * @param id           the client's id, written into every audit row of its actions
 * @param name         who the client is
 * @param roles        what it may do
 * @param scope        which cases it may see
 * @param personalData whether it may read persons' data in the clear
 */
public record Client(String id, String name, Set<Role> roles, DivisionScope scope, boolean personalData)
        implements AuthenticatedPrincipal {

    public Client {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    @Override
    public String getName() {
        return id;
    }
}
