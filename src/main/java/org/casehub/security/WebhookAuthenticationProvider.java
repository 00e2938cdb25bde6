package org.casehub.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/** Authenticates an {@value AccessConfiguration#WEBHOOK_SECRET_HEADER} as a webhook sender. */
final class WebhookAuthenticationProvider implements AuthenticationProvider {

    static final String WEBHOOK_ROLE = "WEBHOOK";
    static final String SENDER = "webhook";

    private final WebhookSecret secret;

    WebhookAuthenticationProvider(WebhookSecret secret) {
        this.secret = secret;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        PresentedCredential presented = (PresentedCredential) authentication;
        if (!AccessConfiguration.WEBHOOK_SECRET_HEADER.equals(presented.header())) {
            return null;
        }
        if (!secret.matches(presented.getCredentials())) {
            throw new BadCredentialsException("wrong webhook secret");
        }
        PreAuthenticatedAuthenticationToken sender = new PreAuthenticatedAuthenticationToken(SENDER, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + WEBHOOK_ROLE)));
        sender.setDetails(presented.origin());
        return sender;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedCredential.class.isAssignableFrom(authentication);
    }
}
