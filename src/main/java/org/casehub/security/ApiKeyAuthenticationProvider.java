package org.casehub.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Authenticates an {@value AccessConfiguration#API_KEY_HEADER} as the client whose key it is. */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ClientRegistry clients;

    ApiKeyAuthenticationProvider(ClientRegistry clients) {
        this.clients = clients;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        PresentedCredential presented = (PresentedCredential) authentication;
        if (!AccessConfiguration.API_KEY_HEADER.equals(presented.header())) {
            return null;
        }
        return clients.authenticate(presented.getCredentials())
                .map(client -> new ClientAuthentication(client, presented.origin()))
                .orElseThrow(() -> new BadCredentialsException("unknown API key"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedCredential.class.isAssignableFrom(authentication);
    }
}
