package org.casehub.security;

import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.DispatcherType;

import org.casehub.apidocs.ApiDocuments;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what over HTTP. Stateless: no session, no CSRF token, no login page, no generated user.
 * <ul>
 * <li>{@code /ingest/**}: webhook senders, by the header {@value #WEBHOOK_SECRET_HEADER};</li>
 * <li>{@code /api/**}, {@code /open311/**}: API clients, by the header {@value #API_KEY_HEADER}; reading
 * needs a role, {@link #operatorActions()} need {@code operator};</li>
 * <li>{@code /actuator/health/**}, {@code /actuator/prometheus}, the status page, {@code /status.json} and the API
 * documents ({@code /api/openapi.json}, {@code /api/asyncapi.json}): open; the other actuator endpoints: operators;</li>
 * <li>anything else: refused.</li>
 * </ul>
 * A missing or wrong credential is answered 401 and a missing role 403, both in JSON and audited.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class AccessConfiguration {

    public static final String API_KEY_HEADER = "X-Api-Key";
    public static final String WEBHOOK_SECRET_HEADER = "X-Webhook-Secret";

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final RequestMatcher API = path("/api/**");
    /** a dry run changes nothing: readers may run it too */
    private static final RequestMatcher DRY_RUN = path(HttpMethod.POST, "/api/feeds/*/dry-run");
    /** a unit's report on a case: units' systems (role unit) make it, audited by org.casehub.progress.ProgressReports */
    private static final RequestMatcher PROGRESS = path(HttpMethod.POST, "/api/cases/*/progress");

    /**
     * The requests only operators may make, each audited: the actuator's endpoints except health and
     * prometheus, the audit trail, the quarantine (whose payloads, though masked, are raw citizens' records), the
     * unmapped codes and their re-maps, the parked outbox rows and their re-sends, the re-seal of personal data, and
     * every request of {@code /api} that is not a read, except the dry run and a unit's progress report.
     */
    static RequestMatcher operatorActions() {
        return new OrRequestMatcher(
                EndpointRequest.toAnyEndpoint().excluding("health", "prometheus"),
                path("/api/audit"), path("/api/audit/**"), path("/api/quarantine"), path("/api/quarantine/**"),
                path("/api/unmapped-codes"), path("/api/unmapped-codes/**"), path("/api/outbox"), path("/api/outbox/**"),
                path("/api/pii"), path("/api/pii/**"),
                request -> !READ_METHODS.contains(request.getMethod()) && API.matches(request) && !DRY_RUN.matches(request)
                        && !PROGRESS.matches(request));
    }

    @Bean
    AuthenticationManager authenticationManager(ClientRegistry clients, WebhookSecret webhookSecret) {
        return new ProviderManager(new ApiKeyAuthenticationProvider(clients), new WebhookAuthenticationProvider(webhookSecret));
    }

    @Bean
    @Order(1)
    SecurityFilterChain webhookChain(HttpSecurity http, AuthenticationManager authentication, AuditTrail audit,
            ObjectMapper json) throws Exception {
        AccessFailures failures = new AccessFailures(WEBHOOK_SECRET_HEADER, "WebhookSecret", audit, json);
        SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        stateless(http, failures, contexts)
                .securityMatcher(path("/ingest/**"))
                .addFilterAt(new CredentialHeaderFilter(WEBHOOK_SECRET_HEADER, authentication, failures, contexts),
                        BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().hasRole(WebhookAuthenticationProvider.WEBHOOK_ROLE));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain clientChain(HttpSecurity http, AuthenticationManager authentication, AuditTrail audit,
            ObjectMapper json) throws Exception {
        AccessFailures failures = new AccessFailures(API_KEY_HEADER, "ApiKey", audit, json);
        SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        RequestMatcher operatorActions = operatorActions();
        stateless(http, failures, contexts)
                .addFilterAt(new CredentialHeaderFilter(API_KEY_HEADER, authentication, failures, contexts),
                        BasicAuthenticationFilter.class)
                .addFilterAfter(new OperatorActionAudit(operatorActions, audit), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // an error page is rendered for a request that was already authorized
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll()
                        // the API documents: a client reads them before it has a key
                        .requestMatchers(path(HttpMethod.GET, ApiDocuments.OPENAPI), path(HttpMethod.GET, ApiDocuments.ASYNCAPI))
                        .permitAll()
                        .requestMatchers(PROGRESS).hasRole(Role.UNIT.name())
                        .requestMatchers(operatorActions).hasRole(Role.OPERATOR.name())
                        .requestMatchers(API, path("/open311/**")).hasAnyRole(Role.READER.name(), Role.OPERATOR.name())
                        // the status page and its summary (nothing personal in it), public like the probes
                        .requestMatchers(path(HttpMethod.GET, "/"), path(HttpMethod.GET, "/index.html"),
                                path(HttpMethod.GET, "/favicon.ico"), path(HttpMethod.GET, "/assets/**"),
                                path(HttpMethod.GET, "/status.json")).permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    private static HttpSecurity stateless(HttpSecurity http, AccessFailures failures, SecurityContextRepository contexts)
            throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .securityContext(context -> context.securityContextRepository(contexts))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(failures).accessDeniedHandler(failures));
    }

    /** Numbers every request before security sees it, so that refusals too carry a request id. */
    @Bean
    FilterRegistrationBean<RequestOrigin.Filter> requestIds() {
        FilterRegistrationBean<RequestOrigin.Filter> registration = new FilterRegistrationBean<>(new RequestOrigin.Filter());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /**
     * The pool of Boot's application task executor ({@code spring.task.execution.*}), on which Camel's
     * platform-http runs the routes of HTTP requests.
     */
    @Bean
    ThreadPoolTaskExecutor applicationTaskPool(ThreadPoolTaskExecutorBuilder builder) {
        return builder.build();
    }

    /**
     * The application task executor, carrying the caller's security context into the tasks it runs: Camel's
     * platform-http picks an executor of this type, so that API routes see the {@link ClientAuthentication}.
     */
    @Bean(name = TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
    @Primary
    DelegatingSecurityContextAsyncTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutor applicationTaskPool) {
        return new DelegatingSecurityContextAsyncTaskExecutor(applicationTaskPool);
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
