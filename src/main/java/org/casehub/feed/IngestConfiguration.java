package org.casehub.feed;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The body caps of the webhooks, the API and the actuator (whose POST operations Spring reads whole), applied after security so that a caller without the secret or key learns
 * nothing more than 401.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class IngestConfiguration {

    @Bean
    FilterRegistrationBean<IngestBodyLimit> ingestBodyLimit(IngestProperties properties, ObjectMapper json) {
        FilterRegistrationBean<IngestBodyLimit> registration = new FilterRegistrationBean<>(
                new IngestBodyLimit((int) properties.maxBody().toBytes(), (int) properties.maxApiBody().toBytes(), json));
        registration.addUrlPatterns("/ingest/*", "/api/*", "/open311/*", "/actuator/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
