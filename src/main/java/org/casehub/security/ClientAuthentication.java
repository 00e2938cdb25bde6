package org.casehub.security;

import java.util.Comparator;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API request authenticated by its key: the principal is the {@link Client}, the details the
 * {@link RequestOrigin}. What the API reads through {@link Callers#current()}.
 */
public final class ClientAuthentication extends AbstractAuthenticationToken {

    private final Client client;

    ClientAuthentication(Client client, RequestOrigin origin) {
        super(client.roles().stream().sorted(Comparator.naturalOrder())
                .map(role -> new SimpleGrantedAuthority(role.authority())).toList());
        this.client = client;
        setDetails(origin);
        setAuthenticated(true);
    }

    public Client client() {
        return client;
    }

    public RequestOrigin origin() {
        return (RequestOrigin) getDetails();
    }

    @Override
    public Client getPrincipal() {
        return client;
    }

    /** The key is not kept once checked. */
    @Override
    public Object getCredentials() {
        return null;
    }
}
