package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

class CredentialHeaderFilterTest {

    private static final String KEY = "the-right-key";

    private final Client client = new Client("nanshan", "南山区", Set.of(Role.READER),
            TestNetwork.SCOPES.resolve("440305"), false);
    private final AuthenticationManager manager = presented -> {
        if (!KEY.equals(presented.getCredentials())) {
            throw new BadCredentialsException("unknown API key");
        }
        return new ClientAuthentication(client, ((PresentedCredential) presented).origin());
    };
    private final RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockFilterChain chain = new MockFilterChain();
    private String refusal;

    private final CredentialHeaderFilter filter = new CredentialHeaderFilter("X-Api-Key", manager,
            (request, response, failure) -> refusal = failure.getMessage(), contexts);

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theRightKeyAuthenticatesTheClientForThisRequestAndItsLaterDispatches() throws Exception {
        MockHttpServletRequest request = request(KEY);

        filter.doFilter(request, response, chain);

        assertThat(SecurityContextHolder.getContext().getAuthentication().getPrincipal()).isEqualTo(client);
        assertThat(contexts.loadDeferredContext(request).get().getAuthentication().getPrincipal()).isEqualTo(client);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(refusal).isNull();
    }

    @Test
    void whatFollowsNeverSeesTheKeyHeader() throws Exception {
        MockHttpServletRequest request = request(KEY);
        request.addHeader("Accept", "application/json");

        filter.doFilter(request, response, chain);

        HttpServletRequest downstream = (HttpServletRequest) chain.getRequest();
        assertThat(downstream.getHeader("X-Api-Key")).isNull();
        assertThat(downstream.getHeader("x-api-key")).isNull();
        assertThat(Collections.list(downstream.getHeaders("X-Api-Key"))).isEmpty();
        assertThat(Collections.list(downstream.getHeaderNames())).containsExactly("Accept");
        assertThat(downstream.getHeader("Accept")).isEqualTo("application/json");
    }

    @Test
    void aWrongKeyIsRefusedAtOnceAndGoesNoFurther() throws Exception {
        filter.doFilter(request("a-wrong-key"), response, chain);

        assertThat(refusal).isEqualTo("unknown API key");
        assertThat(chain.getRequest()).isNull();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @Test
    void withoutTheHeaderTheRequestGoesOnUnauthenticatedForTheRulesToDecide() throws Exception {
        filter.doFilter(request(null), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(refusal).isNull();
    }

    private static MockHttpServletRequest request(String key) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
        if (key != null) {
            request.addHeader("X-Api-Key", key);
        }
        return request;
    }
}
