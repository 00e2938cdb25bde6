package org.casehub.simulator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The simulated 12345 platform is another system that happens to run in the hub: it checks its own
 * X-Api-Key as the real platform does, so the hub's client keys do not apply to it. It exists only
 * with the simulator on; otherwise /simulator/** falls to the hub's deny-all rule.
 */
@Configuration
@ConditionalOnProperty(name = "casehub.simulator.enabled", havingValue = "true")
public class SimulatorSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain simulatedPlatformChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/simulator/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
