package org.casehub.ops;

import javax.sql.DataSource;

import org.casehub.health.BackgroundHealth;
import org.casehub.health.HealthProperties;
import org.casehub.network.ArtemisCore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's dependencies in {@code /actuator/health}, each checked in the background ({@link BackgroundHealth}) in
 * place of Boot's {@code db} and {@code jms} indicators, which run in the request and wait as long as the dependency
 * makes them (a connection pool's 30 s). {@code indexDatabase} is the one the readiness group includes: named the
 * same with or without the exchange database (Boot's contributor is {@code db} with one data source,
 * {@code db/dataSource} with two).
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealthConfiguration {

    @Bean("indexDatabase")
    BackgroundHealth indexDatabase(DataSource index, HealthProperties health) {
        return new BackgroundHealth("the index database", new DataSourceHealthIndicator(index), health.period(),
                health.timeout());
    }

    /**
     * A new connection of the hub's Artemis user each time, not the JMS connection the hub caches (which looks alive
     * for a while after the broker went away): the broker is reachable and takes the hub's login.
     */
    @Bean("artemis")
    BackgroundHealth artemis(ArtemisCore artemis, HealthProperties health) {
        return new BackgroundHealth("Artemis", () -> {
            try (ArtemisCore.Session session = artemis.open()) {
                return Health.up().build();
            } catch (Exception e) {
                return Health.down(e).build();
            }
        }, health.period(), health.timeout());
    }
}
