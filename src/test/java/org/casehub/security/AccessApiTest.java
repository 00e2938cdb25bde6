package org.casehub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;

class AccessApiTest {

    private final AuditTrail audit = mock(AuditTrail.class);
    private final AccessApi api = new AccessApi(audit);

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void meDescribesTheAuthenticatedClient() {
        Client client = new Client("ops", "深圳市 运维", Set.of(Role.OPERATOR, Role.READER),
                TestNetwork.SCOPES.resolve("4403"), true);
        SecurityContextHolder.getContext().setAuthentication(new ClientAuthentication(client, RequestOrigin.NONE));

        assertThat(api.me()).isEqualTo(new AccessApi.Me("ops", "深圳市 运维", List.of("reader", "operator"),
                new AccessApi.Scope("4403", "city", "深圳市"), true));
    }

    @Test
    void meWithoutAnAuthenticatedClientFails() {
        assertThatThrownBy(api::me)
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void theAuditQueryTakesItsParametersFromTheRequest() {
        when(audit.find(any())).thenReturn(new AuditPage(List.of(), 2, 10, false));

        api.audit(" it-reader ", "authorization.denied", "2026-11-01T00:00:00+08:00", "", "2", "10");

        ArgumentCaptor<AuditQuery> query = ArgumentCaptor.forClass(AuditQuery.class);
        verify(audit).find(query.capture());
        assertThat(query.getValue()).isEqualTo(new AuditQuery("it-reader", "authorization.denied",
                OffsetDateTime.parse("2026-11-01T00:00:00+08:00"), null, 2, 10));
    }

    @Test
    void withoutParametersTheNewestPageOfTheDefaultSizeIsAskedFor() {
        when(audit.find(any())).thenReturn(new AuditPage(List.of(), 0, AuditQuery.DEFAULT_SIZE, false));

        api.audit(null, null, null, null, null, null);

        verify(audit).find(new AuditQuery(null, null, null, null, 0, AuditQuery.DEFAULT_SIZE));
    }

    @Test
    void invalidParametersAreRefusedWithAMessageForTheCaller() {
        assertThatIllegalArgumentException().isThrownBy(() -> api.audit(null, null, "yesterday", null, null, null))
                .withMessage("since must be a time with offset, e.g. 2026-11-25T08:00:00+08:00");
        assertThatIllegalArgumentException().isThrownBy(() -> api.audit(null, null, null, null, "first", null))
                .withMessage("page must be a whole number");
        assertThatIllegalArgumentException().isThrownBy(() -> api.audit(null, null, null, null, null, "501"))
                .withMessage("size must be 1 to 500");
        assertThatIllegalArgumentException().isThrownBy(() -> api.audit(null, null, null, null, "-1", null))
                .withMessage("page must be 0 to 10000");
        assertThatIllegalArgumentException().isThrownBy(() -> api.audit(null, null,
                        "2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z", null, null))
                .withMessage("since must be before until");
    }
}
