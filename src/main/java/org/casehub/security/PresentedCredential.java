package org.casehub.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A credential as a request presented it in a header, not yet checked. */
final class PresentedCredential extends AbstractAuthenticationToken {

    private final String header;
    private String value;

    PresentedCredential(String header, String value, RequestOrigin origin) {
        super(null);
        this.header = header;
        this.value = value;
        setDetails(origin);
    }

    /** The header it came in, which tells what kind of credential it is. */
    String header() {
        return header;
    }

    RequestOrigin origin() {
        return (RequestOrigin) getDetails();
    }

    @Override
    public String getCredentials() {
        return value;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    @Override
    public void eraseCredentials() {
        value = null;
        super.eraseCredentials();
    }
}
