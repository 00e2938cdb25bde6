package org.casehub.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The API client of the request being served. Camel's platform-http routes run on the application task
 * executor, which carries the request's security context over ({@link AccessConfiguration}).
 */
public final class Callers {

    private Callers() {
    }

    /**
     * @throws AuthenticationCredentialsNotFoundException when no API client is authenticated on this thread
     */
    public static ClientAuthentication current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ClientAuthentication caller) {
            return caller;
        }
        throw new AuthenticationCredentialsNotFoundException("no API client is authenticated on this thread");
    }
}
