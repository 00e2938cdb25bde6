package org.casehub.security;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by the credential in one header. No header: the request goes on unauthenticated
 * and the authorization rules decide. A wrong credential: 401 at once. Either way, what follows (Spring MVC,
 * Camel, which copies request headers into messages and could pass them on to other systems) never sees the
 * header.
 */
final class CredentialHeaderFilter extends OncePerRequestFilter {

    private final String header;
    private final AuthenticationManager authentication;
    private final AuthenticationEntryPoint refusal;
    private final SecurityContextRepository contexts;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    CredentialHeaderFilter(String header, AuthenticationManager authentication, AuthenticationEntryPoint refusal,
            SecurityContextRepository contexts) {
        this.header = header;
        this.authentication = authentication;
        this.refusal = refusal;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(header);
        if (presented != null) {
            try {
                Authentication result = authentication.authenticate(
                        new PresentedCredential(header, presented, RequestOrigin.of(request)));
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(result);
                holder.setContext(context);
                // Kept with the request, so that its async and error dispatches are the same caller.
                contexts.saveContext(context, request, response);
            } catch (AuthenticationException failure) {
                holder.clearContext();
                refusal.commence(request, response, failure);
                return;
            }
        }
        chain.doFilter(new WithoutHeader(request, header), response);
    }

    private static final class WithoutHeader extends HttpServletRequestWrapper {

        private final String hidden;

        WithoutHeader(HttpServletRequest request, String hidden) {
            super(request);
            this.hidden = hidden;
        }

        @Override
        public String getHeader(String name) {
            return hidden.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !hidden.equalsIgnoreCase(name)).toList());
        }

        @Override
        public long getDateHeader(String name) {
            return hidden.equalsIgnoreCase(name) ? -1 : super.getDateHeader(name);
        }

        @Override
        public int getIntHeader(String name) {
            return hidden.equalsIgnoreCase(name) ? -1 : super.getIntHeader(name);
        }
    }
}
